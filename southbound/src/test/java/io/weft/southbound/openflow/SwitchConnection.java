package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.entry;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.weft.metrics.Counters;
import io.weft.topology.device.DeviceIds;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * One switch connection without a network: the server's pipeline on an
 * {@link EmbeddedChannel} whose clock stands still until a test moves it. The test plays
 * the switch with golden bytes and reads what the controller wrote.
 */
final class SwitchConnection implements AutoCloseable {
    final OpenFlowConfig config;
    final SwitchRegistry registry;
    final Counters counters;
    final RecordingSwitchEvents events = new RecordingSwitchEvents();
    final SwitchChannelHandler handler;
    final EmbeddedChannel channel;
    private final MockTicker clock = Ticker.newMockTicker();

    private SwitchConnection(OpenFlowConfig config, SwitchRegistry registry, Counters counters) {
        this.config = config;
        this.registry = registry;
        this.counters = counters;
        this.handler = new SwitchChannelHandler(config, EnumSet.copyOf(VersionNegotiation.SUPPORTED), registry,
                events, counters);
        // The channel's clock is the test's: it stands still until advance() moves it, and
        // the handshake, idle and barrier timers are all scheduled on it.
        this.channel = EmbeddedChannel.builder().ticker(clock).register(false).build();
        initPipeline(channel, config, handler, counters);
        // As the server's child option sets it.
        channel.config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(config.writeHighWaterBytes() / 2, config.writeHighWaterBytes()));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SwitchConnection open() {
        return open(OpenFlowConfig.DEFAULTS);
    }

    static SwitchConnection open(OpenFlowConfig config) {
        return open(config, new SwitchRegistry(), new Counters());
    }

    static SwitchConnection open(OpenFlowConfig config, SwitchRegistry registry, Counters counters) {
        return new SwitchConnection(config, registry, counters);
    }

    /** The same handlers, in the same order and with the same names, as {@link OpenFlowServer#initPipeline}. */
    static void initPipeline(Channel channel, OpenFlowConfig config, SwitchChannelHandler handler,
                             Counters counters) {
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(config.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new OpenFlowFrameDecoder(config.maxMessageBytes()))
                .addLast("encoder", new OpenFlowEncoder())
                .addLast("count", new OpenFlowMessageCounter(counters))
                .addLast("switch", handler);
    }

    /** Bytes from the switch. */
    void feed(String hex) {
        feed(Hex.bytes(hex));
    }

    void feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** A reply from the switch: {@code pattern} with the xid of the request it answers. */
    void reply(String pattern, long xid) {
        feed(Hex.withXid(pattern, xid));
    }

    /** The next message the controller wrote. */
    byte[] written() {
        channel.runPendingTasks();
        ByteBuf message = channel.readOutbound();
        assertThat(message).as("a message written by the controller").isNotNull();
        try {
            return ByteBufUtil.getBytes(message);
        } finally {
            message.release();
        }
    }

    /** Checks the next message the controller wrote against a golden pattern; returns its xid. */
    long expect(String pattern) {
        byte[] actual = written();
        assertThat(Hex.of(actual)).isEqualTo(Hex.fillWildcards(pattern, actual));
        return Unpooled.wrappedBuffer(actual).getUnsignedInt(4);
    }

    void expectNothingWritten() {
        channel.runPendingTasks();
        ByteBuf message = channel.readOutbound();
        String hex = message == null ? null : ByteBufUtil.hexDump(message);
        if (message != null) {
            message.release();
        }
        assertThat(hex).as("a message the controller should not have written").isNull();
    }

    HandshakeState state() {
        return handler.state();
    }

    /** Moves the channel's clock and runs what became due. */
    void advance(Duration duration) {
        clock.advance(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Plays the switch's side of the whole handshake; the controller's side is checked on the way. */
    SwitchSession activate(OFVersion version) {
        Handshakes.Handshake golden = Handshakes.of(version);
        expect(Handshakes.CONTROLLER_HELLO);
        feed(golden.switchHello());
        reply(golden.featuresReply(), expect(golden.featuresRequest()));
        if (golden.portDescRequest() != null) {
            long xid = expect(golden.portDescRequest());
            golden.portDescReplies().forEach(part -> reply(part, xid));
        }
        reply(golden.descReply(), expect(golden.descRequest()));
        expect(golden.setConfig());
        if (golden.tableMiss() != null) {
            expect(golden.tableMiss());
        }
        reply(golden.barrierReply(), expect(golden.barrierRequest()));
        assertThat(state()).isEqualTo(HandshakeState.ACTIVE);
        return session();
    }

    /** Plays the switch's HELLO for {@code version}; the controller has then sent FEATURES_REQUEST. */
    void negotiate(OFVersion version) {
        Handshakes.Handshake golden = Handshakes.of(version);
        expect(Handshakes.CONTROLLER_HELLO);
        feed(golden.switchHello());
        expect(golden.featuresRequest());
        assertThat(state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);
    }

    SwitchSession session() {
        return registry.session(DeviceIds.fromDatapathId(Handshakes.DATAPATH_ID)).orElseThrow();
    }

    /** The {@code openflow.closed.*} counters that are not zero. */
    Map<String, Long> closedCounters() {
        Map<String, Long> closed = new TreeMap<>(counters.snapshot());
        closed.keySet().removeIf(name -> !name.startsWith("openflow.closed."));
        closed.values().removeIf(value -> value == 0);
        return closed;
    }

    /** The connection was closed for exactly one reason, and no exception left the pipeline. */
    void assertClosedFor(ProtocolViolation.Reason reason) {
        assertThatCode(channel::checkException).as("exception escaping the pipeline").doesNotThrowAnyException();
        assertThat(channel.isOpen()).as("channel open").isFalse();
        assertThat(channel.isActive()).as("channel active").isFalse();
        assertThat(state()).isEqualTo(HandshakeState.CLOSED);
        assertThat(closedCounters()).containsExactly(entry(reason.counter(), 1L));
    }

    @Override
    public void close() {
        channel.close();
        channel.runPendingTasks();
        channel.releaseInbound();
        channel.releaseOutbound();
    }
}

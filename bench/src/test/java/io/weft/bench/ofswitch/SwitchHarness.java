package io.weft.bench.ofswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.weft.metrics.Counters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * One emulated switch without a network: its handler on an {@link EmbeddedChannel} whose
 * clock stands still until a test moves it. The test plays the controller with bytes and
 * reads back what the switch wrote, message by message.
 */
public final class SwitchHarness implements AutoCloseable {
    public final Counters counters = new Counters();
    public final EmulatedSwitch sw;
    public final EmbeddedChannel channel;
    private final MockTicker clock = Ticker.newMockTicker();
    private final List<byte[]> pending = new ArrayList<>();

    public SwitchHarness(SwitchProfile profile, SwitchBehaviour behaviour) {
        this.sw = new EmulatedSwitch(profile, behaviour, counters);
        this.channel = EmbeddedChannel.builder().ticker(clock).handlers(sw).build();
    }

    /** Bytes from the controller, as one read. */
    public void feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    public void feed(String hex) {
        feed(bytes(hex));
    }

    public void feed(OFMessage message) {
        ByteBuf buf = Unpooled.buffer();
        message.writeTo(buf);
        feed(ByteBufUtil.getBytes(buf));
    }

    /** Moves the channel's clock and runs what became due. */
    public void advance(Duration duration) {
        clock.advance(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** The next message the switch wrote, whole (several messages may share one buffer). */
    public byte[] next() {
        drain();
        assertThat(pending).as("a message written by the switch").isNotEmpty();
        return pending.remove(0);
    }

    public String nextHex() {
        return hex(next());
    }

    /** Every message written and not read yet. */
    public List<byte[]> all() {
        drain();
        List<byte[]> all = new ArrayList<>(pending);
        pending.clear();
        return all;
    }

    public void expectNothingWritten() {
        drain();
        assertThat(pending.stream().map(SwitchHarness::hex).toList()).as("messages the switch wrote").isEmpty();
    }

    private void drain() {
        channel.runPendingTasks();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            try {
                while (buf.isReadable()) {
                    int length = buf.getUnsignedShort(buf.readerIndex() + 2);
                    byte[] message = new byte[length];
                    buf.readBytes(message);
                    pending.add(message);
                }
            } finally {
                buf.release();
            }
        }
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Normalises a hex text to the form {@link #hex} writes. */
    public static String normalize(String hex) {
        return hex(bytes(hex));
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}

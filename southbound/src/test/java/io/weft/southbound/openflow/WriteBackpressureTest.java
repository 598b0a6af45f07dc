package io.weft.southbound.openflow;

import com.google.common.util.concurrent.MoreExecutors;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.openflow.ProtocolViolation.Reason;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onlab.packet.Ethernet;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A switch that stops reading. An EmbeddedChannel drains every flush, so a handler next to
 * the head swallows flushes: writes then pile up in the channel's outbound buffer, which is
 * what a full socket looks like to Netty.
 */
@Timeout(10)
class WriteBackpressureTest {
    private static final int HIGH_WATER = 1024;
    private static final long MAX_PENDING = 4096;

    private final SwitchConnection sw = SwitchConnection.open(new OpenFlowConfig("0.0.0.0", 6653, 65535,
            Duration.ofSeconds(10), Duration.ofSeconds(5), 3, HIGH_WATER, MAX_PENDING, Duration.ofSeconds(10), 0,
            Duration.ZERO),
            new SwitchRegistry(), new Counters());
    private final OpenFlowPacketService packets = new OpenFlowPacketService(sw.registry,
            new KeyedSerialExecutor("packet_in", MoreExecutors.newDirectExecutorService(), 8, sw.counters),
            sw.counters);

    /** Sessions are active and the socket has stopped draining. */
    private SwitchSession stalledSession() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        sw.channel.pipeline().addFirst("stalled", new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
            }
        });
        return session;
    }

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    @Test
    void packetOutsAreDroppedAndCountedWhileTheConnectionIsCongested() {
        SwitchSession session = stalledSession();
        for (int i = 0; i < 100 && sw.channel.isWritable(); i++) {
            session.send(echo(session, 256));
        }
        assertThat(sw.channel.isWritable()).isFalse();

        assertThat(packets.emit(packetOut())).isFalse();

        assertThat(sw.counters.get("packet_out.dropped.congested")).isEqualTo(1);
        assertThat(sw.counters.get("packet_out.sent")).isZero();
        assertThat(sw.channel.isActive()).as("congested, not yet over the limit").isTrue();
    }

    @Test
    void aPacketInAnswerIsDroppedWholeAndCountedWhileTheConnectionIsCongested() {
        SwitchSession session = stalledSession();
        for (int i = 0; i < 100 && sw.channel.isWritable(); i++) {
            session.send(echo(session, 256));
        }
        DeviceId device = DeviceId.deviceId("of:000000000000002a");
        InboundPacket in = new InboundPacket(device, PortNumber.portNumber(2), new Ethernet(), new byte[14],
                OptionalInt.empty());
        FlowRule rule = new FlowRule(device, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(2)),
                List.of(Action.output(PortNumber.portNumber(1))), 0, 30, 0);

        assertThat(packets.installAndApply(in, rule)).isFalse();

        assertThat(sw.counters.get("flow_mod.unconfirmed.dropped.congested")).isEqualTo(1);
        assertThat(sw.counters.get("flow_mod.unconfirmed.sent")).isZero();
    }

    @Test
    void switchThatStopsReadingIsClosedPastTheLimit() {
        SwitchSession session = stalledSession();
        session.send(echo(session, 256));
        long perMessage = pendingBytes();
        long pendingAtClose = perMessage;
        for (int i = 0; i < 100 && sw.channel.isActive(); i++) {
            pendingAtClose = pendingBytes();
            session.send(echo(session, 256));
        }

        assertThat(pendingAtClose).as("queued bytes when the connection was closed")
                .isGreaterThan(MAX_PENDING).isLessThanOrEqualTo(MAX_PENDING + perMessage);
        sw.assertClosedFor(Reason.WRITE_OVERFLOW);
        assertThat(sw.counters.get("openflow.dropped.write_overflow")).isEqualTo(1);
    }

    @Test
    void sendAfterCloseIsDroppedAndCounted() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        sw.channel.close();
        sw.channel.runPendingTasks();

        session.send(echo(session, 8));

        assertThat(sw.counters.get("openflow.dropped.not_connected")).isEqualTo(1);
    }

    private long pendingBytes() {
        return sw.channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    private static OFMessage echo(SwitchSession session, int length) {
        return session.factory().buildEchoRequest().setXid(session.nextXid()).setData(new byte[length - 8]).build();
    }

    private static OutboundPacket packetOut() {
        return new OutboundPacket(DeviceId.deviceId("of:000000000000002a"),
                PortNumber.portNumber(1), List.of(Action.output(PortNumber.FLOOD)), new byte[64], OptionalInt.empty());
    }
}

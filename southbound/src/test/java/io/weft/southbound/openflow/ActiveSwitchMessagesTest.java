package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;

/** What an active switch may send, and where it goes; asynchronous messages racing the handshake. */
@Timeout(10)
class ActiveSwitchMessagesTest {
    /** 1.3 PACKET_IN from port 3 with a 4-byte payload. */
    private static final String PACKET_IN_13 = ""
            + "04 0a 00 2e 00 00 00 00 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
            + " 00 01 00 0c 80 00 00 04 00 00 00 03 00 00 00 00 00 00"
            + " 77 65 66 74";
    /** 1.3 PORT_STATUS MODIFY of port 1, now with LINK_DOWN. */
    private static final String PORT_STATUS_13 = ""
            + "04 0c 00 50 00 00 00 00 02 00 00 00 00 00 00 00"
            + " 00 00 00 01 00 00 00 00 00 00 00 00 00 01 00 00"
            + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 01 00 00 08 40 00 00 00 00"
            + " 00 00 00 00 00 00 00 00 00 98 96 80 00 00 00 00";

    @Test
    void packetInAndPortStatusReachTheSwitchEvents() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed(PACKET_IN_13);
            sw.feed(PORT_STATUS_13);

            assertThat(sw.events.packetIns).singleElement().satisfies(p -> {
                assertThat(p.inPort()).isEqualTo(PortNumber.portNumber(3));
                assertThat(p.bufferId()).isEmpty();
                assertThat(Hex.of(p.data())).isEqualTo("77 65 66 74");
            });
            assertThat(sw.events.portStatuses).singleElement().satisfies(s -> {
                assertThat(s.getReason()).isEqualTo(OFPortReason.MODIFY);
                assertThat(s.getDesc().getPortNo()).isEqualTo(OFPort.of(1));
                assertThat(OpenFlowTranslator.port(s.getDesc())).hasValueSatisfying(port ->
                        assertThat(port.up()).isFalse());
            });
            assertThat(sw.channel.isActive()).isTrue();
            sw.expectNothingWritten();
        }
    }

    @Test
    void unsolicitedRepliesAreCountedAndIgnored() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 13 00 10 00 00 00 07 00 0d 00 00 00 00 00 00"); // empty PORT_DESC multipart reply
            sw.feed("04 03 00 08 00 00 00 08");                         // ECHO_REPLY
            assertThat(sw.counters.get("openflow.ignored.stats_reply")).isEqualTo(1);
            assertThat(sw.channel.isActive()).isTrue();
            assertThat(sw.closedCounters()).isEmpty();
        }
    }

    @Test
    void asynchronousMessagesDuringTheHandshakeAreDroppedAndCounted() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.feed(PACKET_IN_13);
            sw.reply(Handshakes.OF_13.featuresReply(), 1);
            sw.feed(PORT_STATUS_13);

            assertThat(sw.counters.get("openflow.dropped.before_active")).isEqualTo(2);
            assertThat(sw.events.packetIns).isEmpty();
            assertThat(sw.events.portStatuses).isEmpty();
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_PORT_DESC);
            assertThat(sw.closedCounters()).isEmpty();
        }
    }

    @Test
    void replyWithTheWrongXidDuringTheHandshakeIsUnexpected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.reply(Handshakes.OF_13.featuresReply(), 2);
            sw.assertClosedFor(ProtocolViolation.Reason.UNEXPECTED_MESSAGE);
            assertThat(sw.registry.size()).isZero();
        }
    }
}

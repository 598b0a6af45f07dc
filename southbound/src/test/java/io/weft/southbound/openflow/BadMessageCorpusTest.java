package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.openflow.ProtocolViolation.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Known-bad messages, each on a fresh connection brought to the state it is sent in: the
 * connection is closed, the reason's counter (and no other) is 1, and nothing escapes the
 * pipeline. Nested-structure cases carry a timeout in case a parser loops on a zero length.
 */
@Timeout(10)
class BadMessageCorpusTest {

    // ---- framing ----

    @ParameterizedTest(name = "length {0}")
    @ValueSource(strings = {"00 00", "00 07", "00 01"})
    void lengthBelowTheHeaderIsBadLength(String length) {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 02 " + length + " 00 00 00 07");
            sw.assertClosedFor(Reason.BAD_LENGTH);
        }
    }

    @Test
    void lengthAboveTheLimitIsTooLargeBeforeTheBodyArrives() {
        try (SwitchConnection sw = SwitchConnection.open(withMaxMessageBytes(2048))) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 02 08 01 00 00 00 07"); // ECHO_REQUEST of 2049 bytes: only its header is sent
            sw.assertClosedFor(Reason.TOO_LARGE);
        }
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() {
        try (SwitchConnection sw = SwitchConnection.open(withMaxMessageBytes(2048))) {
            sw.activate(OFVersion.OF_13);
            byte[] echo = new byte[2048];
            System.arraycopy(Hex.bytes("04 02 08 00 00 00 00 07"), 0, echo, 0, 8);
            echo[2047] = 0x5a;
            sw.feed(echo);
            byte[] reply = sw.written();
            assertThat(reply).hasSize(2048);
            assertThat(Hex.of(reply)).startsWith("04 03 08 00 00 00 00 07").endsWith("00 5a");
            assertThat(sw.channel.isActive()).isTrue();
        }
    }

    @Test
    void messageOfAnotherVersionAfterNegotiationIsWrongVersion() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("01 02 00 08 00 00 00 07"); // OpenFlow 1.0 ECHO_REQUEST
            sw.assertClosedFor(Reason.WRONG_VERSION);
            sw.expectNothingWritten();
        }
    }

    @Test
    void packetInOfAnotherVersionAfterNegotiationIsWrongVersion() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("01 0a 00 16 00 00 00 07 ff ff ff ff 00 04 00 01 00 00 de ad be ef"); // OpenFlow 1.0 PACKET_IN
            sw.assertClosedFor(Reason.WRONG_VERSION);
            assertThat(sw.events.packetIns).isEmpty();
        }
    }

    @Test
    void packetInBeforeHelloIsUnexpected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("04 0a 00 26 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 04 00 00 00 00 00 00 de ad be ef");
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
            assertThat(sw.events.packetIns).isEmpty();
        }
    }

    @Test
    void unknownMessageTypeIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 63 00 08 00 00 00 07");
            sw.assertClosedFor(Reason.MALFORMED);
        }
    }

    // ---- nested lengths past the end of the message ----

    @Test
    void portStatusTooShortForItsPortIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            // 1.3 PORT_STATUS MODIFY of 24 bytes; its port description needs 64.
            sw.feed("04 0c 00 18 00 00 00 07 02 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00");
            sw.assertClosedFor(Reason.MALFORMED);
            assertThat(sw.events.portStatuses).isEmpty();
        }
    }

    @Test
    void portStatusWhosePortClaimsMoreBytesThanTheMessageIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_14);
            sw.feed("05 0c 00 38 00 00 00 07 02 00 00 00 00 00 00 00"
                    + " 00 00 00 01 00 48 00 00 00 00 00 00 00 01 00 00" // port 1, length 72
                    + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 04");                       // ...but 56 bytes in all
            sw.assertClosedFor(Reason.MALFORMED);
            assertThat(sw.events.portStatuses).isEmpty();
        }
    }

    @Test
    void portDescriptionReplyWhosePortRunsPastTheEndIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.reply(Handshakes.OF_13.featuresReply(), 1);
            long xid = sw.expect(Handshakes.OF_13.portDescRequest());
            sw.reply("04 13 00 30 xx xx xx xx 00 0d 00 00 00 00 00 00"
                    + " 00 00 00 01 00 00 00 00 00 00 00 00 00 01 00 00"
                    + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00", xid); // 32 of the port's 64 bytes
            sw.assertClosedFor(Reason.MALFORMED);
        }
    }

    @Test
    void packetInWhoseMatchRunsPastTheEndIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 0a 00 2e 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 40 80 00 00 04 00 00 00 01 00 00 00 00" // match claims 64 bytes
                    + " 00 00 de ad be ef");
            sw.assertClosedFor(Reason.MALFORMED);
            assertThat(sw.events.packetIns).isEmpty();
        }
    }

    // ---- zero-length nested structures ----

    @Test
    void helloElementOfLengthZeroIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("04 00 00 10 00 00 00 01 00 01 00 00 00 00 00 00");
            sw.assertClosedFor(Reason.MALFORMED);
            sw.expectNothingWritten();
        }
    }

    @Test
    void packetInWithAMatchOfLengthZeroIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 0a 00 26 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 00 00 00 00 00" // OXM match of length 0: not even its own header
                    + " 00 00 de ad be ef");
            sw.assertClosedFor(Reason.MALFORMED);
            assertThat(sw.events.packetIns).isEmpty();
        }
    }

    @Test
    void packetInWithAnOxmOfLengthZeroIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 0a 00 26 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 08 80 00 00 00" // match holding an IN_PORT OXM of length 0
                    + " 00 00 de ad be ef");
            sw.assertClosedFor(Reason.MALFORMED);
            assertThat(sw.events.packetIns).isEmpty();
        }
    }

    @Test
    void flowStatsReplyWithAnActionOfLengthZeroIsMalformed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 13 00 58 00 00 00 07 00 01 00 00 00 00 00 00" // MULTIPART_REPLY FLOW
                    + " 00 48 00 00 00 00 00 05 00 00 00 00 00 64 00 00" // flow stats of 72 bytes
                    + " 00 00 00 00 00 00 00 00 57 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 40"
                    + " 00 01 00 04 00 00 00 00"                         // empty match
                    + " 00 04 00 10 00 00 00 00"                         // APPLY_ACTIONS of 16 bytes
                    + " 00 00 00 00 00 00 00 00");                       // OUTPUT action of length 0
            sw.assertClosedFor(Reason.MALFORMED);
        }
    }

    // ---- messages out of order or in the wrong direction ----

    @Test
    void messageBeforeHelloIsUnexpected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("04 02 00 08 00 00 00 01"); // ECHO_REQUEST
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
            sw.expectNothingWritten();
        }
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void featuresReplyTwiceIsUnexpected(OFVersion version) {
        Handshakes.Handshake golden = Handshakes.of(version);
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(version);
            sw.reply(golden.featuresReply(), 1);
            sw.written(); // port-description request (1.3) or description request (1.0)
            sw.reply(golden.featuresReply(), 1);
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
            assertThat(sw.registry.size()).as("datapath id released").isZero();
        }
    }

    @Test
    void secondHelloAfterNegotiationIsUnexpected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.feed(Handshakes.OF_13.switchHello());
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void helloWhenActiveIsUnexpected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed(Handshakes.OF_13.switchHello());
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "04 05 00 08 00 00 00 07",                         // FEATURES_REQUEST
            "04 14 00 08 00 00 00 07",                         // BARRIER_REQUEST
            "04 09 00 0c 00 00 00 07 00 00 ff ff",             // SET_CONFIG
            "04 0e 00 50 00 00 00 07 57 00 00 00 00 00 00 00"  // FLOW_MOD
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " ff ff ff ff ff ff ff ff ff ff ff ff 00 00 00 00"
                    + " 00 01 00 04 00 00 00 00 00 04 00 18 00 00 00 00"
                    + " 00 00 00 10 ff ff ff fd ff ff 00 00 00 00 00 00",
    })
    void controllerToSwitchMessageFromAnActiveSwitchIsUnexpected(String message) {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed(message);
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void bytesAfterTheViolationInTheSameReadAreNotActedOn() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            // A controller-to-switch message, then an echo request that must not be answered.
            sw.feed("04 14 00 08 00 00 00 07" + " 04 02 00 08 00 00 00 08");
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
            sw.expectNothingWritten();
        }
    }

    private static OpenFlowConfig withMaxMessageBytes(int max) {
        OpenFlowConfig d = OpenFlowConfig.DEFAULTS;
        return new OpenFlowConfig(d.address(), d.port(), max, d.handshakeTimeout(), d.echoInterval(),
                d.echoMisses(), d.writeHighWaterBytes(), d.maxPendingWriteBytes(), Duration.ofSeconds(10), d.eventLoops(),
                d.spinBeforeSleep());
    }
}

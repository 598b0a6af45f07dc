package io.weft.bench.ofswitch;

import static io.weft.bench.ofswitch.SwitchHarness.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The emulated switch's side of the handshake, byte for byte, and how it refuses what a switch would. */
class EmulatedSwitchGoldenTest {
    /** What Weft sends first: version 1.5 in the header, a bitmap of 1.0, 1.3, 1.4, 1.5. */
    private static final String WEFT_HELLO = "06 00 00 10 00 00 00 00 00 01 00 08 00 00 00 72";
    /** What ovs-testcontroller 3.1 sends first: a bitmap of 1.0 to 1.5. */
    private static final String OVS_HELLO = "06 00 00 10 00 00 00 01 00 01 00 08 00 00 00 7e";

    private static final String DESC_BODY = ascii("Weft bench", 256) + ascii("emulated switch", 256)
            + ascii("weft-bench 0.1.0", 256) + ascii("1", 32) + ascii("s1", 256);

    private static SwitchHarness open(OFVersion version) {
        return new SwitchHarness(SwitchProfile.of(0, version, 2), new SwitchBehaviour() {
        });
    }

    @Test
    void of13SwitchOffersOnly13AndAnswersWeftsHandshake() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            assertThat(h.nextHex()).isEqualTo(normalize("04 00 00 10 00 00 00 00 00 01 00 08 00 00 00 10"));
            h.feed(WEFT_HELLO);
            h.expectNothingWritten();

            h.feed("04 05 00 08 00 00 00 07");
            assertThat(h.nextHex()).isEqualTo(normalize("04 06 00 20 00 00 00 07"
                    + " 00 00 00 00 00 00 00 01"      // datapath id 1
                    + " 00 00 01 00 fe 00 00 00"      // 256 buffers, 254 tables, main connection
                    + " 00 00 00 4f 00 00 00 00"));   // flow, table, port, group, queue stats

            h.feed("04 12 00 10 00 00 00 08 00 0d 00 00 00 00 00 00");
            assertThat(h.nextHex()).isEqualTo(normalize("04 13 00 90 00 00 00 08 00 0d 00 00 00 00 00 00"
                    + port13(1) + port13(2)));

            h.feed("04 12 00 10 00 00 00 09 00 00 00 00 00 00 00 00");
            assertThat(h.nextHex()).isEqualTo(normalize("04 13 04 30 00 00 00 09 00 00 00 00 00 00 00 00"
                    + DESC_BODY));

            h.feed("04 09 00 0c 00 00 00 0a 00 00 ff ff");
            h.feed("04 07 00 08 00 00 00 0b");
            assertThat(h.nextHex()).isEqualTo(normalize("04 08 00 0c 00 00 00 0b 00 00 ff ff"));

            h.feed("04 14 00 08 00 00 00 0c");
            assertThat(h.nextHex()).isEqualTo(normalize("04 15 00 08 00 00 00 0c"));

            h.feed("04 02 00 0c 00 00 00 0d ca fe ba be");
            assertThat(h.nextHex()).isEqualTo(normalize("04 03 00 0c 00 00 00 0d ca fe ba be"));
            h.expectNothingWritten();
            assertThat(h.counters.snapshot()).isEmpty();
        }
    }

    @Test
    void of10SwitchSendsItsPortsInTheFeaturesReply() {
        try (SwitchHarness h = open(OFVersion.OF_10)) {
            assertThat(h.nextHex()).isEqualTo("01 00 00 08 00 00 00 00");
            h.feed(OVS_HELLO);
            h.feed("01 05 00 08 00 00 00 02");
            assertThat(h.nextHex()).isEqualTo(normalize("01 06 00 80 00 00 00 02"
                    + " 00 00 00 00 00 00 00 01"      // datapath id 1
                    + " 00 00 01 00 01 00 00 00"      // 256 buffers, 1 table
                    + " 00 00 00 87 00 00 00 3b"      // capabilities; actions output, vlan, strip, dl src/dst
                    + port10(1) + port10(2)));

            h.feed("01 10 00 0c 00 00 00 03 00 00 00 00");
            assertThat(h.nextHex()).isEqualTo(normalize("01 11 04 2c 00 00 00 03 00 00 00 00" + DESC_BODY));

            h.feed("01 12 00 08 00 00 00 04");
            assertThat(h.nextHex()).isEqualTo("01 13 00 08 00 00 00 04");

            h.feed("01 07 00 08 00 00 00 05");
            assertThat(h.nextHex()).as("miss-send length before SET_CONFIG").isEqualTo(
                    normalize("01 08 00 0c 00 00 00 05 00 00 00 80"));
            assertThat(h.counters.snapshot()).isEmpty();
        }
    }

    @Test
    void answersARoleRequestWithTheRoleAndGeneration() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 18 00 18 00 00 00 21 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 05");
            assertThat(h.nextHex()).isEqualTo(
                    normalize("04 19 00 18 00 00 00 21 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 05"));
        }
    }

    @Test
    void refusesAMessageTypeItDoesNotImplementWithBadType() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 0f 00 08 00 00 00 09");
            assertThat(h.nextHex()).isEqualTo(normalize("04 01 00 14 00 00 00 09 00 01 00 01 04 0f 00 08 00 00 00 09"));
            assertThat(h.counters.get("bench.switch.refused.unsupported_type")).isEqualTo(1);
            assertThat(h.channel.isActive()).isTrue();
        }
    }

    @Test
    void refusesAStatisticsRequestItDoesNotImplementWithBadMultipart() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 12 00 10 00 00 00 0e 00 07 00 00 00 00 00 00"); // GROUP_DESC statistics
            assertThat(h.nextHex()).isEqualTo(normalize("04 01 00 1c 00 00 00 0e 00 01 00 02"
                    + " 04 12 00 10 00 00 00 0e 00 07 00 00 00 00 00 00"));
            assertThat(h.counters.get("bench.switch.refused.unsupported_stats")).isEqualTo(1);
        }
    }

    @Test
    void answersAFlowStatisticsRequestWithNoFlows() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 12 00 38 00 00 00 0f 00 01 00 00 00 00 00 00"
                    + " ff 00 00 00 ff ff ff ff ff ff ff ff 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 04 00 00 00 00");
            assertThat(h.nextHex()).isEqualTo(normalize("04 13 00 10 00 00 00 0f 00 01 00 00 00 00 00 00"));
        }
    }

    @Test
    void answersThePortAndTableStatisticsOfAPollWithNone() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 12 00 18 00 00 00 10 00 04 00 00 00 00 00 00 ff ff ff ff 00 00 00 00"); // PORT, every port
            assertThat(h.nextHex()).isEqualTo(normalize("04 13 00 10 00 00 00 10 00 04 00 00 00 00 00 00"));
            h.feed("04 12 00 10 00 00 00 11 00 03 00 00 00 00 00 00"); // TABLE
            assertThat(h.nextHex()).isEqualTo(normalize("04 13 00 10 00 00 00 11 00 03 00 00 00 00 00 00"));
            assertThat(h.counters.get("bench.switch.refused.unsupported_stats")).isZero();
        }
    }

    @Test
    void aControllerWithoutTheSwitchsVersionGetsHelloFailedAndIsDisconnected() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed("01 00 00 08 00 00 00 05");
            byte[] error = h.next();
            assertThat(SwitchHarness.hex(error)).startsWith(normalize("04 01"));
            assertThat(error[8] << 8 | error[9]).as("error type HELLO_FAILED").isZero();
            assertThat(h.counters.get("bench.switch.closed.version_mismatch")).isEqualTo(1);
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Test
    void aHelloWhoseBitmapLacksTheSwitchsVersionIsRefusedToo() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed("06 00 00 10 00 00 00 05 00 01 00 08 00 00 00 62"); // 1.0, 1.4, 1.5 only
            byte[] error = h.next();
            assertThat(SwitchHarness.hex(error)).startsWith(normalize("04 01"));
            assertThat(error[8] << 8 | error[9]).as("error type HELLO_FAILED").isZero();
            assertThat(h.counters.get("bench.switch.closed.version_mismatch")).isEqualTo(1);
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Test
    void aMessageBeforeHelloClosesTheConnection() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed("04 05 00 08 00 00 00 07");
            h.expectNothingWritten();
            assertThat(h.counters.get("bench.switch.closed.before_hello")).isEqualTo(1);
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Test
    void aLengthShorterThanTheHeaderClosesTheConnection() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("04 02 00 04 00 00 00 07");
            h.expectNothingWritten();
            assertThat(h.counters.get("bench.switch.closed.bad_length")).isEqualTo(1);
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Test
    void aMessageOfAnotherVersionAfterHelloClosesTheConnection() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO);
            h.feed("01 05 00 08 00 00 00 07");
            h.expectNothingWritten();
            assertThat(h.counters.get("bench.switch.closed.wrong_version")).isEqualTo(1);
            assertThat(h.channel.isActive()).isFalse();
        }
    }

    @Test
    void messagesSplitAcrossReadsAreReassembled() {
        try (SwitchHarness h = open(OFVersion.OF_13)) {
            h.next();
            h.feed(WEFT_HELLO + " 04 14 00");
            h.expectNothingWritten();
            h.feed("08 00 00 00 0c 04 14 00 08 00 00 00 0d");
            assertThat(h.nextHex()).isEqualTo("04 15 00 08 00 00 00 0c");
            assertThat(h.nextHex()).isEqualTo("04 15 00 08 00 00 00 0d");
        }
    }

    /** An OpenFlow 1.3 port: number, MAC 0e:00:00:00:nn:00, name s1-ethN, LIVE, 10 Gb/s copper. */
    private static String port13(int n) {
        return String.format(" 00 00 00 %02x 00 00 00 00 0e 00 00 00 %02x 00 00 00", n, n)
                + ascii("s1-eth" + n, 16)
                + " 00 00 00 00 00 00 00 04 00 00 08 40 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 00 98 96 80 00 98 96 80";
    }

    /** An OpenFlow 1.0 port: number, MAC, name, no config or state bits, 10 Gb/s copper. */
    private static String port10(int n) {
        return String.format(" 00 %02x 0e 00 00 00 %02x 00", n, n)
                + ascii("s1-eth" + n, 16)
                + " 00 00 00 00 00 00 00 00 00 00 00 c0"
                + " 00 00 00 00 00 00 00 00 00 00 00 00";
    }

    private static String ascii(String text, int width) {
        byte[] field = new byte[width];
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chars, 0, field, 0, chars.length);
        return " " + SwitchHarness.hex(field) + " ";
    }
}

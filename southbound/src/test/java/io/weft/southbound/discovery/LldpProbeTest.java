package io.weft.southbound.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.southbound.discovery.LldpProbe.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onlab.packet.Ethernet;
import org.onlab.packet.LLDP;
import org.onlab.packet.MacAddress;

class LldpProbeTest {
    static final byte[] SECRET = "weft golden probe secret, 32 B!!".getBytes(StandardCharsets.US_ASCII);
    static final ProbeSigner SIGNER = new ProbeSigner(SECRET);
    static final MacAddress SOURCE = MacAddress.valueOf("02:00:00:00:01:02");
    /** 2023-11-14T22:13:20Z. */
    static final long TIMESTAMP = 1_700_000_000_000L;

    /**
     * The probe for datapath 1, port 2 at {@link #TIMESTAMP}, TTL 3 s, signed with {@link #SECRET}.
     * The HMAC was computed apart from this code (Python's hmac module over the 20 signed bytes
     * 00000000 00000001 00000002 0000018b cfe56800), and every TLV header decoded by hand:
     * 0x0216 is type 1 and length 22, 0xfe0c type 127 and length 12, and so on.
     */
    static final String GOLDEN = String.join(" ",
            "01 80 c2 00 00 0e",                                    // nearest-bridge LLDP group
            "02 00 00 00 01 02",                                    // the sending port's MAC
            "88 cc",                                                // LLDP
            "02 16 07", "64 70 69 64 3a",                           // Chassis ID, locally assigned, "dpid:"
            "30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 31",      // "0000000000000001"
            "04 02 07 32",                                          // Port ID, locally assigned, "2"
            "06 02 00 03",                                          // TTL 3 s
            "fe 0c 0a 57 46 01 00 00 00 00 00 00 00 01",            // Weft: datapath id 1
            "fe 08 0a 57 46 02 00 00 00 02",                        // Weft: port 2
            "fe 0c 0a 57 46 03 00 00 01 8b cf e5 68 00",            // Weft: timestamp 1700000000000
            "fe 24 0a 57 46 04",                                    // Weft: HMAC-SHA256, 32 bytes
            "33 9f ac 49 ab a0 aa 96 4c 07 4b 94 2f 5d c2 b3",
            "d4 d5 10 56 a3 58 e6 02 c1 1f a8 de ad b8 0d 89",
            "00 00");                                               // End of LLDPDU

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static byte[] golden() {
        return LldpProbe.encode(SIGNER.sign(new Probe(1, 2, TIMESTAMP)), SOURCE, 3);
    }

    @Test
    void encodesTheGoldenProbe() {
        assertThat(HexFormat.ofDelimiter(" ").formatHex(golden())).isEqualTo(GOLDEN);
    }

    @Test
    void decodesTheGoldenProbe() {
        Decoded decoded = LldpProbe.decode(hex(GOLDEN));
        assertThat(decoded).isInstanceOf(Decoded.Ours.class);
        SignedProbe signed = ((Decoded.Ours) decoded).probe();
        assertThat(signed.probe()).isEqualTo(new Probe(1, 2, TIMESTAMP));
        assertThat(SIGNER.verify(signed)).isTrue();
    }

    static List<Probe> roundTrips() {
        return List.of(new Probe(0, 0, 0), new Probe(1, 1, TIMESTAMP), new Probe(-1, 0xffff_ff00L, Long.MAX_VALUE),
                new Probe(0x00_00_12_34_56_78_9a_bcL, 0xffff_ffffL, -1), new Probe(Long.MIN_VALUE, 65_535, 42));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void roundTrips(Probe probe) {
        SignedProbe signed = SIGNER.sign(probe);
        byte[] frame = LldpProbe.encode(signed, SOURCE, 120);
        assertThat(LldpProbe.decode(frame)).isEqualTo(new Decoded.Ours(signed));
    }

    @Test
    void theSouthboundsParserAcceptsOurProbes() throws Exception {
        // Packet-ins are parsed by onlab's Ethernet before any processor sees them; a probe it
        // refused would never reach discovery.
        byte[] frame = golden();
        Ethernet parsed = Ethernet.deserializer().deserialize(frame, 0, frame.length);
        assertThat(parsed.getEtherType()).isEqualTo(Ethernet.TYPE_LLDP);
        assertThat(parsed.getSourceMAC()).isEqualTo(SOURCE);
        assertThat(parsed.getPayload()).isInstanceOf(LLDP.class);
        assertThat(((LLDP) parsed.getPayload()).getOptionalTLVList()).hasSize(4);
    }

    @Test
    void decodesAProbeBehindVlanTags() {
        byte[] plain = golden();
        byte[] tagged = new byte[plain.length + 4];
        System.arraycopy(plain, 0, tagged, 0, 12);
        System.arraycopy(hex("81 00 00 0a"), 0, tagged, 12, 4);
        System.arraycopy(plain, 12, tagged, 16, plain.length - 12);
        assertThat(LldpProbe.decode(tagged)).isInstanceOf(Decoded.Ours.class);
    }

    @Test
    void ignoresPaddingAfterTheEnd() {
        byte[] plain = golden();
        byte[] padded = java.util.Arrays.copyOf(plain, plain.length + 20);
        assertThat(LldpProbe.decode(padded)).isInstanceOf(Decoded.Ours.class);
    }

    @Test
    void skipsOptionalAndOtherOrganisationsTlvs() {
        String withExtras = GOLDEN.replace("06 02 00 03", "06 02 00 03"
                + " 0a 02 73 31"                  // System Name "s1"
                + " fe 06 a4 23 05 01 02 03");     // another organisation's TLV
        assertThat(LldpProbe.decode(hex(withExtras))).isInstanceOf(Decoded.Ours.class);
    }

    static List<Arguments> notOurs() {
        return List.of(
                Arguments.of("LLDP from another speaker", "01 80 c2 00 00 0e 02 00 00 00 00 09 88 cc"
                        + " 02 07 04 02 00 00 00 00 09  04 03 05 65 31  06 02 00 78  00 00"),
                Arguments.of("LLDP with another organisation's TLV only", "01 80 c2 00 00 0e 02 00 00 00 00 09 88 cc"
                        + " 02 02 07 41  04 02 07 31  06 02 00 78  fe 08 a4 23 05 01 00 00 00 01  00 00"),
                Arguments.of("our TLVs without the signature", "01 80 c2 00 00 0e 02 00 00 00 01 02 88 cc"
                        + " 02 16 07 64 70 69 64 3a 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 31"
                        + " 04 02 07 32  06 02 00 03"
                        + " fe 0c 0a 57 46 01 00 00 00 00 00 00 00 01  fe 08 0a 57 46 02 00 00 00 02"
                        + " fe 0c 0a 57 46 03 00 00 01 8b cf e5 68 00  00 00"),
                Arguments.of("BDDP", GOLDEN.replace("88 cc", "89 42")),
                Arguments.of("IPv4", "ff ff ff ff ff ff 02 00 00 00 00 09 08 00 45 00 00 14"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOurs")
    void refusesOthersFrames(String what, String frame) {
        assertThat(LldpProbe.decode(hex(frame))).isInstanceOf(Decoded.NotOurs.class);
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("empty", ""),
                Arguments.of("shorter than an Ethernet header", "01 80 c2 00 00 0e 02 00 00 00 01 02 88"),
                Arguments.of("no TLVs at all", "01 80 c2 00 00 0e 02 00 00 00 01 02 88 cc"),
                Arguments.of("half a TLV header", "01 80 c2 00 00 0e 02 00 00 00 01 02 88 cc 02"),
                Arguments.of("a TLV longer than the frame", GOLDEN.replace("fe 24 0a 57 46 04", "fe 2f 0a 57 46 04")),
                Arguments.of("a length of 511 at the end", "01 80 c2 00 00 0e 02 00 00 00 01 02 88 cc ff ff"),
                Arguments.of("End only", "01 80 c2 00 00 0e 02 00 00 00 01 02 88 cc 00 00"),
                Arguments.of("no End TLV", GOLDEN.substring(0, GOLDEN.length() - " 00 00".length())),
                Arguments.of("End with a length", GOLDEN.substring(0, GOLDEN.length() - "00 00".length()) + "00 01 00"),
                Arguments.of("truncated VLAN tag", "01 80 c2 00 00 0e 02 00 00 00 01 02 81 00 00"),
                Arguments.of("Port ID before Chassis ID", GOLDEN.replace("02 16 07", "04 16 07")
                        .replace("04 02 07 32", "02 02 07 32")),
                Arguments.of("no TTL", GOLDEN.replace("06 02 00 03 ", "")),
                Arguments.of("a TTL of three bytes", GOLDEN.replace("06 02 00 03", "06 03 00 00 03")),
                Arguments.of("a second Chassis ID", GOLDEN.replace("06 02 00 03", "06 02 00 03 02 02 07 41")),
                Arguments.of("an empty Chassis ID", GOLDEN.replace("02 16 07 64 70 69 64 3a", "02 00")
                        .replace("30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 31 ", "")),
                Arguments.of("an organisational TLV without its subtype", GOLDEN.replace("06 02 00 03",
                        "06 02 00 03 fe 03 0a 57 46")),
                Arguments.of("a 7-byte datapath id", GOLDEN.replace("fe 0c 0a 57 46 01 00 00 00 00 00 00 00 01",
                        "fe 0b 0a 57 46 01 00 00 00 00 00 00 01")),
                Arguments.of("a 31-byte signature", GOLDEN.replace("fe 24 0a 57 46 04", "fe 23 0a 57 46 04")
                        .replace("0d 89 00 00", "0d 00 00")),
                Arguments.of("an unknown Weft subtype", GOLDEN.replace("06 02 00 03", "06 02 00 03 fe 05 0a 57 46 09 00")),
                Arguments.of("two datapath ids", GOLDEN.replace("fe 08 0a 57 46 02", "fe 0c 0a 57 46 01 00 00 00 00 00 00 00 02"
                        + " fe 08 0a 57 46 02")),
                Arguments.of("a signature without a timestamp", GOLDEN.replace(
                        "fe 0c 0a 57 46 03 00 00 01 8b cf e5 68 00 ", "")),
                Arguments.of("a Chassis ID naming another switch", GOLDEN.replace("30 30 30 31 04 02", "30 30 30 39 04 02")),
                Arguments.of("a Port ID naming another port", GOLDEN.replace("04 02 07 32", "04 02 07 33")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedFrames(String what, String frame) {
        assertThat(LldpProbe.decode(hex(frame))).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void refusesNull() {
        assertThat(LldpProbe.decode(null)).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void everyTruncationOfAProbeIsMalformed() {
        byte[] frame = golden();
        for (int length = 0; length < frame.length; length++) {
            assertThat(LldpProbe.decode(java.util.Arrays.copyOf(frame, length)))
                    .as("the first %d bytes", length).isInstanceOf(Decoded.Malformed.class);
        }
    }

    @Test
    void noCorruptionOfAProbeThrowsOrPassesVerification() {
        byte[] original = golden();
        SignedProbe genuine = SIGNER.sign(new Probe(1, 2, TIMESTAMP));
        Random random = new Random(20240501);
        int stillOurs = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = original.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                frame[random.nextInt(frame.length)] ^= (byte) (1 + random.nextInt(255));
            }
            if (LldpProbe.decode(frame) instanceof Decoded.Ours ours) {
                stillOurs++;
                // Only the unsigned parts (source MAC, TTL) may change and still verify.
                assertThat(SIGNER.verify(ours.probe())).isEqualTo(ours.probe().equals(genuine));
            }
        }
        assertThat(stillOurs).as("some corruptions leave a well-formed probe to verify").isPositive();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = new byte[random.nextInt(200)];
            random.nextBytes(frame);
            if (frame.length >= 14 && random.nextBoolean()) {
                frame[12] = (byte) 0x88;
                frame[13] = (byte) 0xcc;
            }
            assertThat(LldpProbe.decode(frame)).isNotNull();
        }
    }

    @Test
    void refusesATtlOutsideSixteenBits() {
        SignedProbe signed = SIGNER.sign(new Probe(1, 2, TIMESTAMP));
        assertThatThrownBy(() -> LldpProbe.encode(signed, SOURCE, 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LldpProbe.encode(signed, SOURCE, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

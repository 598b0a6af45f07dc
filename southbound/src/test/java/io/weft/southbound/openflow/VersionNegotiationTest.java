package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** HELLO parsing, the choice of version, and what happens on the wire when there is none. */
@Timeout(10)
class VersionNegotiationTest {
    private static final Set<OFVersion> OURS = EnumSet.copyOf(VersionNegotiation.SUPPORTED);

    // ---- HelloMessage ----

    @Test
    void helloWithoutElementsHasNoBitmap() {
        HelloMessage hello = parse("04 00 00 08 00 00 00 2a");
        assertThat(hello).isEqualTo(new HelloMessage(4, 42, Optional.empty()));
    }

    @Test
    void helloVersionBitmapIsRead() {
        HelloMessage hello = parse("05 00 00 10 00 00 00 01 00 01 00 08 00 00 00 32");
        assertThat(hello.version()).isEqualTo(5);
        assertThat(hello.versionBitmap()).contains(bits(1, 4, 5));
    }

    @Test
    void helloVersionBitmapOfTwoWordsIsReadAcrossWords() {
        // Element of 12 bytes padded to 16: bitmap words 0x00000072 and 0x00000001.
        HelloMessage hello = parse("06 00 00 18 00 00 00 01 00 01 00 0c 00 00 00 72 00 00 00 01 00 00 00 00");
        assertThat(hello.versionBitmap()).contains(bits(1, 4, 5, 6, 32));
    }

    @Test
    void unknownHelloElementIsSkippedWithItsPadding() {
        // Element type 0x63 of 6 bytes, padded to 8, then the bitmap.
        HelloMessage hello = parse("04 00 00 18 00 00 00 01 00 63 00 06 ab cd 00 00 00 01 00 08 00 00 00 12");
        assertThat(hello.versionBitmap()).contains(bits(1, 4));
    }

    @Test
    void bytesAfterAnOpenFlow10HelloHeaderAreIgnored() {
        HelloMessage hello = parse("01 00 00 10 00 00 00 05 00 01 00 08 00 00 00 02");
        assertThat(hello).isEqualTo(new HelloMessage(1, 5, Optional.empty()));
    }

    @Test
    void helloElementOfLengthZeroIsMalformed() {
        assertThatThrownBy(() -> parse("04 00 00 10 00 00 00 01 00 01 00 00 00 00 00 00"))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ProtocolViolation.Reason.MALFORMED));
    }

    @Test
    void helloElementRunningPastTheMessageIsMalformed() {
        assertThatThrownBy(() -> parse("04 00 00 10 00 00 00 01 00 01 00 10 00 00 00 12"))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ProtocolViolation.Reason.MALFORMED));
    }

    // ---- VersionNegotiation ----

    @Test
    void ourHighestVersionIsOpenFlow15() {
        assertThat(VersionNegotiation.highest(OURS)).isEqualTo(OFVersion.OF_15);
    }

    @ParameterizedTest(name = "bitmap {0} -> {1}")
    @CsvSource({
            "1 4 5,     OF_14",
            "1 4 5 6,   OF_15",
            "1,         OF_10",
            "1 2 3 4,   OF_13",
            "4 7,       OF_13",
            "5 6 7 8 9, OF_15",
    })
    void withBitmapsTheHighestCommonVersionWins(String theirBits, OFVersion expected) {
        HelloMessage theirs = new HelloMessage(6, 1, Optional.of(bits(theirBits)));
        assertThat(VersionNegotiation.negotiate(OURS, theirs)).contains(expected);
    }

    @ParameterizedTest(name = "bitmap {0} -> none")
    @CsvSource({"2", "3", "2 3", "7"})
    void bitmapWithoutACommonVersionAgreesOnNone(String theirBits) {
        HelloMessage theirs = new HelloMessage(4, 1, Optional.of(bits(theirBits)));
        assertThat(VersionNegotiation.negotiate(OURS, theirs)).isEmpty();
    }

    @ParameterizedTest(name = "header version {0} -> {1}")
    @CsvSource({"1, OF_10", "4, OF_13", "5, OF_14", "6, OF_15", "7, OF_15"})
    void withoutBitmapTheLowerHeaderVersionIsUsed(int wireVersion, OFVersion expected) {
        assertThat(VersionNegotiation.negotiate(OURS, new HelloMessage(wireVersion, 1, Optional.empty())))
                .contains(expected);
    }

    @ParameterizedTest(name = "header version {0} -> none")
    @CsvSource({"2", "3"})
    void withoutBitmapAVersionWeDoNotSpeakAgreesOnNone(int wireVersion) {
        assertThat(VersionNegotiation.negotiate(OURS, new HelloMessage(wireVersion, 1, Optional.empty())))
                .isEmpty();
    }

    @Test
    void withoutBitmapTheLowerOfTheTwoHighestVersionsIsUsed() {
        Set<OFVersion> upTo13 = EnumSet.of(OFVersion.OF_10, OFVersion.OF_13);
        assertThat(VersionNegotiation.negotiate(upTo13, new HelloMessage(6, 1, Optional.empty())))
                .contains(OFVersion.OF_13);
    }

    // ---- on the wire ----

    @Test
    void openFlow11OnlySwitchGetsHelloFailedAndIsClosed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("02 00 00 08 00 00 00 21");
            assertHelloFailed(sw.written(), 2, 0x21);
            sw.expectNothingWritten();
            sw.assertClosedFor(ProtocolViolation.Reason.VERSION_MISMATCH);
        }
    }

    @ParameterizedTest(name = "bitmap word {0}")
    @CsvSource({"00 00 00 04", "00 00 00 08", "00 00 00 0c"})
    void bitmapOfOnlyOpenFlow11Or12GetsHelloFailedAndIsClosed(String bitmapWord) {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("04 00 00 10 00 00 00 22 00 01 00 08 " + bitmapWord);
            assertHelloFailed(sw.written(), 4, 0x22);
            sw.assertClosedFor(ProtocolViolation.Reason.VERSION_MISMATCH);
            assertThat(sw.registry.size()).isZero();
        }
    }

    @Test
    void unknownWireVersionWithoutCommonVersionGetsHelloFailedInOurHighest() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("07 00 00 10 00 00 00 23 00 01 00 08 00 00 00 80");
            assertHelloFailed(sw.written(), 6, 0x23);
            sw.assertClosedFor(ProtocolViolation.Reason.VERSION_MISMATCH);
        }
    }

    @Test
    void unknownWireVersion7WithBitmapIncluding13NegotiatesOpenFlow13() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("07 00 00 10 00 00 00 24 00 01 00 08 00 00 00 90"); // bits 4 and 7
            sw.expect("04 05 00 08 00 00 00 01");
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);
            assertThat(sw.closedCounters()).isEmpty();
        }
    }

    @Test
    void unknownWireVersion7WithoutBitmapNegotiatesOurHighest() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.feed("07 00 00 08 00 00 00 25");
            sw.expect("06 05 00 08 00 00 00 01");
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);
        }
    }

    /** OFPT_ERROR (type 1) of type HELLO_FAILED (0), code INCOMPATIBLE (0), answering the switch's HELLO. */
    private static void assertHelloFailed(byte[] error, int wireVersion, long xid) {
        ByteBuf buf = Unpooled.wrappedBuffer(error);
        assertThat(buf.getUnsignedByte(0)).as("version").isEqualTo((short) wireVersion);
        assertThat(buf.getUnsignedByte(1)).as("type").isEqualTo((short) 1);
        assertThat(buf.getUnsignedShort(2)).as("length").isEqualTo(error.length);
        assertThat(buf.getUnsignedInt(4)).as("xid").isEqualTo(xid);
        assertThat(buf.getUnsignedShort(8)).as("error type").isZero();
        assertThat(buf.getUnsignedShort(10)).as("error code").isZero();
    }

    private static HelloMessage parse(String hex) {
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(hex));
        HelloMessage hello = HelloMessage.parse(frame);
        assertThat(frame.isReadable()).as("bytes left after the HELLO").isFalse();
        return hello;
    }

    private static BitSet bits(int... indexes) {
        BitSet set = new BitSet();
        for (int i : indexes) {
            set.set(i);
        }
        return set;
    }

    private static BitSet bits(String indexes) {
        return bits(Arrays.stream(indexes.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray());
    }
}

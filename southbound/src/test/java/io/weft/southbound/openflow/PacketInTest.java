package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * PacketIn reads what openflowj reads from the same bytes - buffer id, input port, data - for
 * every version Weft speaks, and refuses what openflowj refuses.
 */
class PacketInTest {
    private static final byte[] FRAME = Hex.bytes("ff ff ff ff ff ff 0a 00 00 00 00 01 88 b5 77 65 66 74");

    @Test
    void openFlow10PacketInsReadAsOpenflowjReadsThem() {
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_10);
        int[] ports = {0, 1, 2, 0x7fff, 0x8000, 0xfeff, 0xff00, 0xfff8, 0xfff9, 0xfffa, 0xfffb, 0xfffc, 0xfffd, 0xfffe,
                0xffff};
        for (int port : ports) {
            for (OFBufferId buffer : List.of(OFBufferId.NO_BUFFER, OFBufferId.of(77), OFBufferId.of(-2))) {
                for (byte[] data : List.of(FRAME, new byte[0])) {
                    assertReadsAsOpenflowj(factory.buildPacketIn().setXid(0x8765_4321L).setBufferId(buffer)
                            .setTotalLen(data.length).setInPort(OFPort.ofShort((short) port))
                            .setReason(OFPacketInReason.NO_MATCH).setData(data).build());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14", "OF_15"})
    void oxmPacketInsReadAsOpenflowjReadsThem(OFVersion version) {
        OFFactory factory = OFFactories.getFactory(version);
        List<Match> matches = new ArrayList<>();
        matches.add(factory.buildMatch().build());
        for (int port : new int[] {1, 0xfe01, 0x7fffffff, 0xffffff00, 0xfffffffd, 0xfffffffe}) {
            matches.add(factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.ofInt(port)).build());
            // Switches add the physical port and metadata; they are not the input port.
            matches.add(factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.ofInt(port))
                    .setExact(MatchField.IN_PHY_PORT, OFPort.of(9))
                    .setExact(MatchField.METADATA, OFMetadata.ofRaw(0x1122334455667788L)).build());
        }
        for (Match match : matches) {
            for (OFBufferId buffer : List.of(OFBufferId.NO_BUFFER, OFBufferId.of(77))) {
                for (byte[] data : List.of(FRAME, new byte[0])) {
                    assertReadsAsOpenflowj(factory.buildPacketIn().setXid(7).setBufferId(buffer).setTotalLen(data.length)
                            .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(3)).setCookie(U64.of(-1))
                            .setMatch(match).setData(data).build());
                }
            }
        }
    }

    /** Cases of the bad-message corpus and more, each refused by openflowj and by PacketIn alike. */
    @ParameterizedTest
    @ValueSource(strings = {
            "01 0a 00 11 00 00 00 07 ff ff ff ff 00 04 00 01 00",                         // 1.0, 17 bytes
            "01 0a 00 12 00 00 00 07 ff ff ff ff 00 04 ff 01 00 00",                      // 1.0, port 0xff01
            "01 0a 00 12 00 00 00 07 ff ff ff ff 00 04 ff f7 00 00",                      // 1.0, port 0xfff7
            "04 0a 00 18 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00",    // 1.3, no match
            "04 0a 00 26 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 00 00 00 00 00 00 00 de ad be ef",                       // match of length 0
            "04 0a 00 2e 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 40 80 00 00 04 00 00 00 01 00 00 00 00 00 00 de ad be ef", // match past the end
            "04 0a 00 26 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 08 80 00 00 00 00 00 de ad be ef",                       // OXM of length 0
            "04 0a 00 2e 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 0c 80 00 00 08 00 00 00 01 00 00 00 00 00 00 de ad be ef", // OXM past its match
    })
    void whatOpenflowjRefusesIsRefused(String hex) {
        byte[] bytes = Hex.bytes(hex);
        assertThatThrownBy(() -> OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes)))
                .as("openflowj refuses it").isNotNull();
        assertThatThrownBy(() -> PacketIn.read(Unpooled.wrappedBuffer(bytes)))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ProtocolViolation.Reason.MALFORMED));
    }

    /** Refused here though openflowj reads them: an input port no switch means. */
    @ParameterizedTest
    @ValueSource(strings = {
            "04 0a 00 32 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 10 80 00 01 08 00 00 00 01 ff ff ff ff 00 00 de ad be ef", // masked
            "04 0a 00 2a 00 00 00 07 ff ff ff ff 00 04 00 00 00 00 00 00 00 00 00 00"
                    + " 00 01 00 0a 80 00 00 02 00 01 00 00 00 00 00 00",                 // of 2 bytes
    })
    void anInputPortThatIsMaskedOrNotFourBytesIsRefused(String hex) {
        byte[] bytes = Hex.bytes(hex);

        assertThatThrownBy(() -> PacketIn.read(Unpooled.wrappedBuffer(bytes)))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ProtocolViolation.Reason.MALFORMED));
    }

    private static void assertReadsAsOpenflowj(OFPacketIn message) {
        ByteBuf bytes = Unpooled.buffer();
        message.writeTo(bytes);
        OFPacketIn expected = parse(ByteBufUtil.getBytes(bytes));

        PacketIn actual = PacketIn.read(bytes);

        assertThat(actual.version()).isEqualTo(expected.getVersion().getWireVersion());
        assertThat(actual.xid()).isEqualTo(expected.getXid());
        assertThat(actual.bufferId()).as("buffer of %s", expected).isEqualTo(
                expected.getBufferId().equals(OFBufferId.NO_BUFFER) ? OptionalInt.empty()
                        : OptionalInt.of(expected.getBufferId().getInt()));
        assertThat(actual.inPort()).as("input port of %s", expected).isEqualTo(inPort(expected));
        assertThat(actual.data()).isEqualTo(expected.getData());
    }

    /** The input port as the controller took it from openflowj before it read packet-ins itself. */
    private static PortNumber inPort(OFPacketIn packetIn) {
        if (packetIn.getVersion() == OFVersion.OF_10) {
            return OpenFlowTranslator.portNumber(packetIn.getInPort());
        }
        OFPort port = packetIn.getMatch().get(MatchField.IN_PORT);
        return port == null ? PortNumber.CONTROLLER : OpenFlowTranslator.portNumber(port);
    }

    private static OFPacketIn parse(byte[] bytes) {
        try {
            OFMessage message = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes));
            return (OFPacketIn) message;
        } catch (Exception e) {
            throw new AssertionError("openflowj cannot read its own packet-in", e);
        }
    }
}

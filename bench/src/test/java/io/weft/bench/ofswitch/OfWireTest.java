package io.weft.bench.ofswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/** The hot-path offsets, read from messages openflowj encodes, so they cannot drift from the specification. */
class OfWireTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void readsTheBufferIdAndCommandOfFlowMods(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        var match = f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(3))
                .setExact(MatchField.ETH_SRC, MacAddress.of(0x020000000001L)).build();
        List<OFAction> actions = List.of(f.actions().output(OFPort.of(4), 0xffff));
        ByteBuf add = encode(withActions(f, f.buildFlowAdd().setXid(9).setBufferId(OFBufferId.of(0x1234567))
                .setCookie(U64.of(0x5701000000000000L)).setMatch(match)
                .setFlags(EnumSet.of(OFFlowModFlags.SEND_FLOW_REM)), actions).build());
        ByteBuf modify = encode(withActions(f, f.buildFlowModifyStrict().setBufferId(OFBufferId.NO_BUFFER)
                .setMatch(match), actions).build());
        ByteBuf delete = encode(f.buildFlowDelete().setBufferId(OFBufferId.of(5)).setMatch(match).build());

        assertThat(OfWire.type(add)).isEqualTo(OfWire.FLOW_MOD);
        assertThat(OfWire.xid(add)).isEqualTo(9);
        assertThat(OfWire.flowModInstalls(add, version)).isTrue();
        assertThat(OfWire.flowModBufferId(add, version)).isEqualTo(0x1234567);
        assertThat(OfWire.flowModInstalls(modify, version)).isTrue();
        assertThat(OfWire.flowModBufferId(modify, version)).isEqualTo(OfWire.NO_BUFFER);
        assertThat(OfWire.flowModInstalls(delete, version)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void findsThePacketOfAPacketOutBehindItsActions(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        byte[] packet = {1, 2, 3, 4, 5, 6, 7};
        ByteBuf unbuffered = encode(f.buildPacketOut().setXid(1).setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(OFPort.of(2))
                .setActions(List.of(f.actions().output(OFPort.of(1), 0xffff), f.actions().output(OFPort.FLOOD, 0)))
                .setData(packet).build());
        ByteBuf buffered = encode(f.buildPacketOut().setXid(1).setBufferId(OFBufferId.of(77)).setInPort(OFPort.of(2))
                .setActions(List.of(f.actions().output(OFPort.FLOOD, 0))).build());

        assertThat(OfWire.type(unbuffered)).isEqualTo(OfWire.PACKET_OUT);
        assertThat(OfWire.packetOutBufferId(unbuffered)).isEqualTo(OfWire.NO_BUFFER);
        int offset = OfWire.packetOutDataOffset(unbuffered, version);
        assertThat(OfWire.length(unbuffered) - offset).isEqualTo(packet.length);
        assertThat(unbuffered.getByte(offset)).isEqualTo((byte) 1);
        assertThat(OfWire.packetOutBufferId(buffered)).isEqualTo(77);
        assertThat(OfWire.packetOutDataOffset(buffered, version)).isEqualTo(OfWire.length(buffered));
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aPacketOutWhoseActionsRunPastItsEndHasNoPacket(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        ByteBuf out = encode(f.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(2))
                .setActions(List.of()).build());
        out.setShort(version == OFVersion.OF_10 ? 14 : 16, 0x100);
        assertThat(OfWire.packetOutDataOffset(out, version)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void knowsEachVersionsBarrierAndStatisticsTypes(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        assertThat(OfWire.type(encode(f.buildBarrierRequest().build()))).isEqualTo(OfWire.barrierRequest(version));
        assertThat(OfWire.type(encode(f.buildBarrierReply().build()))).isEqualTo(OfWire.barrierReply(version));
        assertThat(OfWire.type(encode(f.buildDescStatsRequest().build()))).isEqualTo(OfWire.statsRequest(version));
        assertThat(OfWire.type(encode(f.buildEchoRequest().setData(new byte[0]).build())))
                .isEqualTo(OfWire.ECHO_REQUEST);
        assertThat(OfWire.type(encode(f.buildFeaturesRequest().build()))).isEqualTo(OfWire.FEATURES_REQUEST);
        assertThat(OfWire.type(encode(f.buildGetConfigRequest().build()))).isEqualTo(OfWire.GET_CONFIG_REQUEST);
    }

    private static <B extends org.projectfloodlight.openflow.protocol.OFFlowMod.Builder> B withActions(
            OFFactory f, B builder, List<OFAction> actions) {
        if (f.getVersion() == OFVersion.OF_10) {
            builder.setActions(actions);
        } else {
            builder.setInstructions(List.of(f.instructions().applyActions(actions)));
        }
        return builder;
    }

    static ByteBuf encode(OFMessage message) {
        ByteBuf buf = Unpooled.buffer();
        message.writeTo(buf);
        return buf;
    }
}

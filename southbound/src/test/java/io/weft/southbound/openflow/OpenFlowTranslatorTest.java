package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;

/** Golden bytes of the flow mods and packet-outs the translator writes, per version. */
class OpenFlowTranslatorTest {
    /** in_port 1, eth_dst 00:00:00:00:00:02 -> output 2; priority 0x1000, idle 10 s, app 1's cookie 0x42. */
    static final FlowRule RULE = new FlowRule(DeviceIds.fromDatapathId(Handshakes.DATAPATH_ID), 0, 0x1000,
            TrafficMatch.ANY.withInPort(PortNumber.portNumber(1)).withEthDst(MacAddress.valueOf("00:00:00:00:00:02")),
            List.of(Action.output(PortNumber.portNumber(2))), Cookies.cookie(new AppId(1, "forwarding"), 0x42), 10, 0);

    static final String FLOW_ADD_13 = ""
            + "04 0e 00 60 xx xx xx xx"  // FLOW_MOD, 96 bytes
            + " 57 01 00 00 00 00 00 42" // cookie: Weft marker, app 1, owner 0x42
            + " 00 00 00 00 00 00 00 00" // cookie mask
            + " 00 00 00 0a 00 00 10 00" // table 0, ADD, idle 10, hard 0, priority 0x1000
            + " ff ff ff ff ff ff ff ff" // buffer NO_BUFFER, out_port ANY
            + " ff ff ff ff 00 01 00 00" // out_group ANY, flags SEND_FLOW_REM, pad
            + " 00 01 00 16 80 00 00 04" // match: OXM, 22 bytes; IN_PORT
            + " 00 00 00 01 80 00 06 06" // = 1; ETH_DST
            + " 00 00 00 00 00 02 00 00" // = 00:00:00:00:00:02, pad
            + " 00 04 00 18 00 00 00 00" // APPLY_ACTIONS, 24 bytes
            + " 00 00 00 10 00 00 00 02" // OUTPUT to 2
            + " ff ff 00 00 00 00 00 00"; // max_len 0xffff

    static final String FLOW_ADD_10 = ""
            + "01 0e 00 50 xx xx xx xx"  // FLOW_MOD, 80 bytes
            + " 00 3f ff f6 00 01 00 00" // wildcards: all (OFPFW_ALL) but in_port and dl_dst; in_port 1
            + " 00 00 00 00 00 00 00 00" // dl_src, dl_dst
            + " 00 02 00 00 00 00 00 00" // dl_dst = 00:00:00:00:00:02
            + " 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00"
            + " 57 01 00 00 00 00 00 42" // cookie
            + " 00 00 00 0a 00 00 10 00" // ADD, idle 10, hard 0, priority 0x1000
            + " ff ff ff ff ff ff 00 01" // buffer NO_BUFFER, out_port NONE, SEND_FLOW_REM
            + " 00 00 00 08 00 02 ff ff"; // OUTPUT to 2, max_len 0xffff

    static final String FLOW_MODIFY_13 = ""
            + "04 0e 00 60 xx xx xx xx 57 01 00 00 00 00 00 42"
            + " 00 00 00 00 00 00 00 00 00 02 00 0a 00 00 10 00" // command MODIFY_STRICT
            + " ff ff ff ff ff ff ff ff ff ff ff ff 00 00 00 00" // no flags
            + " 00 01 00 16 80 00 00 04 00 00 00 01 80 00 06 06"
            + " 00 00 00 00 00 02 00 00 00 04 00 18 00 00 00 00"
            + " 00 00 00 10 00 00 00 02 ff ff 00 00 00 00 00 00";

    @Test
    void flowAddOnOpenFlow13() {
        assertWire(OpenFlowTranslator.flowMod(OFFactories.getFactory(OFVersion.OF_13), FlowOperation.add(RULE)),
                FLOW_ADD_13);
    }

    @Test
    void flowModifyOnOpenFlow13IsStrict() {
        assertWire(OpenFlowTranslator.flowMod(OFFactories.getFactory(OFVersion.OF_13), FlowOperation.modify(RULE)),
                FLOW_MODIFY_13);
    }

    @Test
    void flowRemoveOnOpenFlow13IsStrictAndAsksForNoFlowRemoved() {
        assertWire(OpenFlowTranslator.flowMod(OFFactories.getFactory(OFVersion.OF_13), FlowOperation.remove(RULE)),
                ""
                        + "04 0e 00 60 xx xx xx xx 57 01 00 00 00 00 00 42"
                        + " 00 00 00 00 00 00 00 00 00 04 00 0a 00 00 10 00" // command DELETE_STRICT
                        + " ff ff ff ff ff ff ff ff ff ff ff ff 00 00 00 00" // no flags
                        + " 00 01 00 16 80 00 00 04 00 00 00 01 80 00 06 06"
                        + " 00 00 00 00 00 02 00 00 00 04 00 18 00 00 00 00"
                        + " 00 00 00 10 00 00 00 02 ff ff 00 00 00 00 00 00");
    }

    @Test
    void flowAddOnOpenFlow10() {
        assertWire(OpenFlowTranslator.flowMod(OFFactories.getFactory(OFVersion.OF_10), FlowOperation.add(RULE)),
                FLOW_ADD_10);
    }

    @Test
    void packetOutOnOpenFlow13CarriesTheInputPortInTheHeader() {
        OutboundPacket packet = new OutboundPacket(RULE.device(), PortNumber.portNumber(1),
                List.of(Action.output(PortNumber.FLOOD)), Hex.bytes("de ad be ef"), OptionalInt.empty());
        assertWire(OpenFlowTranslator.packetOut(OFFactories.getFactory(OFVersion.OF_13), 7, packet),
                ""
                        + "04 0d 00 2c 00 00 00 07"
                        + " ff ff ff ff 00 00 00 01" // buffer NO_BUFFER, in_port 1
                        + " 00 10 00 00 00 00 00 00" // actions_len 16
                        + " 00 00 00 10 ff ff ff fb" // OUTPUT to FLOOD
                        + " ff ff 00 00 00 00 00 00"
                        + " de ad be ef");
    }

    @Test
    void packetOutOnOpenFlow15CarriesTheInputPortInAMatch() {
        OutboundPacket packet = new OutboundPacket(RULE.device(), PortNumber.portNumber(1),
                List.of(Action.output(PortNumber.FLOOD)), Hex.bytes("de ad be ef"), OptionalInt.empty());
        assertWire(OpenFlowTranslator.packetOut(OFFactories.getFactory(OFVersion.OF_15), 7, packet),
                ""
                        + "06 0d 00 34 00 00 00 07"
                        + " ff ff ff ff 00 10 00 00" // buffer NO_BUFFER, actions_len 16
                        + " 00 01 00 0c 80 00 00 04" // match: IN_PORT
                        + " 00 00 00 01 00 00 00 00" // = 1
                        + " 00 00 00 10 ff ff ff fb"
                        + " ff ff 00 00 00 00 00 00"
                        + " de ad be ef");
    }

    @Test
    void packetOutOfABufferedPacketNamesTheBufferAndCarriesNoData() {
        OutboundPacket packet = new OutboundPacket(RULE.device(), PortNumber.portNumber(3),
                List.of(Action.output(PortNumber.portNumber(2))), new byte[0], OptionalInt.of(0x1234));
        assertWire(OpenFlowTranslator.packetOut(OFFactories.getFactory(OFVersion.OF_10), 9, packet),
                ""
                        + "01 0d 00 18 00 00 00 09"
                        + " 00 00 12 34 00 03 00 08" // buffer 0x1234, in_port 3, actions_len 8
                        + " 00 00 00 08 00 02 ff ff");
    }

    @Test
    void matchTranslatesBackToTheSameTrafficMatch() {
        TrafficMatch match = RULE.match().withEthSrc(MacAddress.valueOf("0a:00:00:00:00:01")).withEthType(0x0800);
        for (OFVersion version : VersionNegotiation.SUPPORTED) {
            Match ofMatch = OpenFlowTranslator.match(OFFactories.getFactory(version), match);
            assertThat(OpenFlowTranslator.trafficMatch(ofMatch))
                    .as(version.toString()).isEqualTo(match);
        }
    }

    @Test
    void matchIsTheOneOpenflowjsBuilderMakesFieldByField() {
        TrafficMatch match = RULE.match().withEthSrc(MacAddress.valueOf("0a:00:00:00:00:01")).withEthType(0x0800);
        for (OFVersion version : VersionNegotiation.SUPPORTED) {
            OFFactory factory = OFFactories.getFactory(version);
            Match expected = factory.buildMatch()
                    .setExact(MatchField.IN_PORT, OFPort.of(1))
                    .setExact(MatchField.ETH_SRC, org.projectfloodlight.openflow.types.MacAddress.of("0a:00:00:00:00:01"))
                    .setExact(MatchField.ETH_DST, org.projectfloodlight.openflow.types.MacAddress.of("00:00:00:00:00:02"))
                    .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                    .build();
            assertThat(OpenFlowTranslator.match(factory, match)).as(version.toString()).isEqualTo(expected);
            assertThat(OpenFlowTranslator.match(factory, TrafficMatch.ANY)).as(version + " empty")
                    .isEqualTo(factory.buildMatch().build());
        }
    }

    /** The message's bytes match the golden pattern; {@code xx} only where openflowj picks the xid. */
    static void assertWire(OFMessage message, String pattern) {
        ByteBuf out = Unpooled.buffer();
        message.writeTo(out);
        byte[] actual = ByteBufUtil.getBytes(out);
        assertThat(Hex.of(actual)).isEqualTo(Hex.fillWildcards(pattern, actual));
    }
}

package io.weft.southbound.openflow;

import static io.weft.southbound.openflow.OpenFlowTranslatorTest.assertWire;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.TrafficMatch;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * Golden bytes of VLAN matches and actions, field by field from the OpenFlow 1.0.0 and
 * 1.3.5 specifications; each fixture also decodes with {@code ovs-ofctl ofp-print} (Open
 * vSwitch 3.1) to the flow mod or packet-out its test names.
 */
class VlanTranslationTest {
    /** Egress of a fabric tag: in_port 1, vlan 100 -> pop, output 2; otherwise as the translator test's rule. */
    static final FlowRule POP = rule(TrafficMatch.ANY.withInPort(PortNumber.portNumber(1)).withVlan(VlanId.vlanId((short) 100)),
            List.of(Action.popVlan(), Action.output(PortNumber.portNumber(2))));

    /** Ingress from an untagged attachment: in_port 2, untagged -> push vlan 2001, output 1. */
    static final FlowRule PUSH = rule(TrafficMatch.ANY.withInPort(PortNumber.portNumber(2)).withVlan(VlanId.NONE),
            List.of(Action.pushVlan(VlanId.vlanId((short) 2001)), Action.output(PortNumber.portNumber(1))));

    static final String POP_10 = ""
            + "01 0e 00 58 xx xx xx xx"  // FLOW_MOD, 88 bytes
            + " 00 3f ff fc 00 01 00 00" // wildcards: OFPFW_ALL but IN_PORT (1) and DL_VLAN (2); in_port 1; dl_src
            + " 00 00 00 00 00 00 00 00" // dl_src, dl_dst
            + " 00 00 00 64 00 00 00 00" // dl_dst; dl_vlan 100; dl_vlan_pcp, pad; dl_type
            + " 00 00 00 00 00 00 00 00" // nw_tos, nw_proto, pad, nw_src
            + " 00 00 00 00 00 00 00 00" // nw_dst, tp_src, tp_dst
            + " 57 01 00 00 00 00 00 42" // cookie
            + " 00 00 00 0a 00 00 10 00" // ADD, idle 10, hard 0, priority 0x1000
            + " ff ff ff ff ff ff 00 01" // buffer NO_BUFFER, out_port NONE, SEND_FLOW_REM
            + " 00 03 00 08 00 00 00 00" // STRIP_VLAN (type 3), 8 bytes, pad
            + " 00 00 00 08 00 02 ff ff"; // OUTPUT to 2, max_len 0xffff

    static final String PUSH_10 = ""
            + "01 0e 00 58 xx xx xx xx"  // FLOW_MOD, 88 bytes
            + " 00 3f ff fc 00 02 00 00" // wildcards as above; in_port 2
            + " 00 00 00 00 00 00 00 00"
            + " 00 00 ff ff 00 00 00 00" // dl_vlan OFP_VLAN_NONE (0xffff): untagged only
            + " 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00"
            + " 57 01 00 00 00 00 00 42"
            + " 00 00 00 0a 00 00 10 00"
            + " ff ff ff ff ff ff 00 01"
            + " 00 01 00 08 07 d1 00 00" // SET_VLAN_VID (type 1), 8 bytes, vid 2001, pad: tags the untagged frame
            + " 00 00 00 08 00 01 ff ff"; // OUTPUT to 1

    static final String POP_13 = ""
            + "04 0e 00 68 xx xx xx xx"  // FLOW_MOD, 104 bytes
            + " 57 01 00 00 00 00 00 42" // cookie
            + " 00 00 00 00 00 00 00 00" // cookie mask
            + " 00 00 00 0a 00 00 10 00" // table 0, ADD, idle 10, hard 0, priority 0x1000
            + " ff ff ff ff ff ff ff ff" // buffer NO_BUFFER, out_port ANY
            + " ff ff ff ff 00 01 00 00" // out_group ANY, flags SEND_FLOW_REM, pad
            + " 00 01 00 12 80 00 00 04" // match: OXM, 18 bytes; IN_PORT (field 0), 4 bytes
            + " 00 00 00 01 80 00 0c 02" // = 1; VLAN_VID (field 6), 2 bytes
            + " 10 64 00 00 00 00 00 00" // = OFPVID_PRESENT | 100; pad to 8
            + " 00 04 00 20 00 00 00 00" // APPLY_ACTIONS, 32 bytes
            + " 00 12 00 08 00 00 00 00" // POP_VLAN (type 18), 8 bytes, pad
            + " 00 00 00 10 00 00 00 02" // OUTPUT to 2
            + " ff ff 00 00 00 00 00 00"; // max_len 0xffff, pad

    static final String PUSH_13 = ""
            + "04 0e 00 78 xx xx xx xx"  // FLOW_MOD, 120 bytes
            + " 57 01 00 00 00 00 00 42"
            + " 00 00 00 00 00 00 00 00"
            + " 00 00 00 0a 00 00 10 00"
            + " ff ff ff ff ff ff ff ff"
            + " ff ff ff ff 00 01 00 00"
            + " 00 01 00 12 80 00 00 04" // match: OXM, 18 bytes; IN_PORT
            + " 00 00 00 02 80 00 0c 02" // = 2; VLAN_VID
            + " 00 00 00 00 00 00 00 00" // = OFPVID_NONE (0): untagged only; pad
            + " 00 04 00 30 00 00 00 00" // APPLY_ACTIONS, 48 bytes
            + " 00 11 00 08 81 00 00 00" // PUSH_VLAN (type 17), 8 bytes, ethertype 0x8100, pad
            + " 00 19 00 10 80 00 0c 02" // SET_FIELD (type 25), 16 bytes: VLAN_VID
            + " 17 d1 00 00 00 00 00 00" // = OFPVID_PRESENT | 2001; pad to 8
            + " 00 00 00 10 00 00 00 01" // OUTPUT to 1
            + " ff ff 00 00 00 00 00 00";

    private static FlowRule rule(TrafficMatch match, List<Action> actions) {
        FlowRule base = OpenFlowTranslatorTest.RULE;
        return new FlowRule(base.device(), 0, base.priority(), match, actions, base.cookie(), base.idleTimeout(), 0);
    }

    private static OFFactory factory(OFVersion version) {
        return OFFactories.getFactory(version);
    }

    @Test
    void popOnOpenFlow10IsStripVlan() {
        assertWire(OpenFlowTranslator.flowMod(factory(OFVersion.OF_10), FlowOperation.add(POP)), POP_10);
    }

    @Test
    void pushOnOpenFlow10IsOneSetVlanVidOnAnUntaggedMatch() {
        assertWire(OpenFlowTranslator.flowMod(factory(OFVersion.OF_10), FlowOperation.add(PUSH)), PUSH_10);
    }

    @Test
    void popOnOpenFlow13MatchesTheTagWithThePresentBit() {
        assertWire(OpenFlowTranslator.flowMod(factory(OFVersion.OF_13), FlowOperation.add(POP)), POP_13);
    }

    @Test
    void pushOnOpenFlow13IsPushVlanThenSetFieldWithThePresentBit() {
        assertWire(OpenFlowTranslator.flowMod(factory(OFVersion.OF_13), FlowOperation.add(PUSH)), PUSH_13);
    }

    @Test
    void setOnOpenFlow10IsSetVlanVidAndOn13ASetFieldAlone() {
        FlowRule swap = rule(POP.match(), List.of(Action.setVlan(VlanId.vlanId((short) 2001)),
                Action.output(PortNumber.portNumber(2))));
        assertThat(actionsOf(swap, OFVersion.OF_10)).isEqualTo(""
                + "00 01 00 08 07 d1 00 00" // SET_VLAN_VID 2001
                + " 00 00 00 08 00 02 ff ff");
        assertThat(actionsOf(swap, OFVersion.OF_13)).isEqualTo(""
                + "00 19 00 10 80 00 0c 02 17 d1 00 00 00 00 00 00" // SET_FIELD VLAN_VID present|2001
                + " 00 00 00 10 00 00 00 02 ff ff 00 00 00 00 00 00");
    }

    /** The golden bytes parse back, through openflowj's reader, to the match we wrote. */
    @Test
    void goldenFlowModsParseBackToTheirMatch() throws OFParseError {
        assertThat(parsedMatch(POP_10)).isEqualTo(POP.match());
        assertThat(parsedMatch(PUSH_10)).isEqualTo(PUSH.match());
        assertThat(parsedMatch(POP_13)).isEqualTo(POP.match());
        assertThat(parsedMatch(PUSH_13)).isEqualTo(PUSH.match());
    }

    @Test
    void vlanMatchesTranslateBackOnEveryVersion() {
        TrafficMatch tagged = POP.match().withEthDst(MacAddress.valueOf("00:00:00:00:00:02")).withEthType(0x0800);
        for (OFVersion version : VersionNegotiation.SUPPORTED) {
            for (TrafficMatch match : List.of(tagged, PUSH.match(), tagged.withVlan(VlanId.vlanId((short) 4094)))) {
                Match ofMatch = OpenFlowTranslator.match(factory(version), match);
                assertThat(OpenFlowTranslator.trafficMatch(ofMatch)).as(version + " " + match).isEqualTo(match);
            }
        }
    }

    @Test
    void aTagNoRuleOfOursMatchesIsLeftOutOfTheTranslatedMatch() {
        Match priorityTagged = factory(OFVersion.OF_13).buildMatch()
                .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(0)).build();
        Match anyTagged = factory(OFVersion.OF_13).buildMatch()
                .setMasked(MatchField.VLAN_VID, OFVlanVidMatch.PRESENT, OFVlanVidMatch.PRESENT).build();
        assertThat(OpenFlowTranslator.trafficMatch(priorityTagged).vlan()).isEmpty();
        assertThat(OpenFlowTranslator.trafficMatch(anyTagged).vlan()).isEmpty();
    }

    @Test
    void packetOutOnOpenFlow13PushesThenSets() {
        OutboundPacket packet = new OutboundPacket(POP.device(), PortNumber.portNumber(1),
                List.of(Action.pushVlan(VlanId.vlanId((short) 2001)), Action.output(PortNumber.FLOOD)),
                Hex.bytes("de ad be ef"), OptionalInt.empty());
        assertWire(OpenFlowTranslator.packetOut(factory(OFVersion.OF_13), 7, packet),
                ""
                        + "04 0d 00 44 00 00 00 07"  // PACKET_OUT, 68 bytes, xid 7
                        + " ff ff ff ff 00 00 00 01" // buffer NO_BUFFER, in_port 1
                        + " 00 28 00 00 00 00 00 00" // actions_len 40, pad
                        + " 00 11 00 08 81 00 00 00" // PUSH_VLAN 0x8100
                        + " 00 19 00 10 80 00 0c 02" // SET_FIELD VLAN_VID
                        + " 17 d1 00 00 00 00 00 00" // = present|2001
                        + " 00 00 00 10 ff ff ff fb" // OUTPUT to FLOOD
                        + " ff ff 00 00 00 00 00 00"
                        + " de ad be ef");           // the frame
    }

    @Test
    void packetOutOnOpenFlow10Strips() {
        OutboundPacket packet = new OutboundPacket(POP.device(), PortNumber.portNumber(3),
                List.of(Action.popVlan(), Action.output(PortNumber.portNumber(2))), Hex.bytes("de ad be ef"),
                OptionalInt.empty());
        assertWire(OpenFlowTranslator.packetOut(factory(OFVersion.OF_10), 9, packet),
                ""
                        + "01 0d 00 24 00 00 00 09"  // PACKET_OUT, 36 bytes, xid 9
                        + " ff ff ff ff 00 03 00 10" // buffer NO_BUFFER, in_port 3, actions_len 16
                        + " 00 03 00 08 00 00 00 00" // STRIP_VLAN
                        + " 00 00 00 08 00 02 ff ff" // OUTPUT to 2
                        + " de ad be ef");
    }

    private static String actionsOf(FlowRule rule, OFVersion version) {
        ByteBuf out = Unpooled.buffer();
        OpenFlowTranslator.actions(factory(version), rule.actions()).forEach(a -> a.writeTo(out));
        return Hex.of(ByteBufUtil.getBytes(out));
    }

    private static TrafficMatch parsedMatch(String golden) throws OFParseError {
        byte[] bytes = Hex.bytes(golden.replace("xx", "00"));
        OFMessage message = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes));
        return OpenFlowTranslator.trafficMatch(((OFFlowMod) message).getMatch());
    }
}

package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The flow mods FlowModWriter writes are byte for byte the ones openflowj writes, for every
 * version, command, combination of match fields, VLAN form, output port kind and timeout,
 * and for a packet-in's answer (buffer id, no SEND_FLOW_REM).
 */
class FlowModWriterTest {
    private static final DeviceId DEVICE = DeviceIds.fromDatapathId(Handshakes.DATAPATH_ID);
    private static final long XID = 0x8000_1234L;

    private static List<TrafficMatch> matches() {
        List<TrafficMatch> matches = new ArrayList<>();
        for (int fields = 0; fields < 32; fields++) {
            TrafficMatch match = TrafficMatch.ANY;
            if ((fields & 1) != 0) {
                match = match.withInPort(PortNumber.portNumber(0xfe01));
            }
            if ((fields & 2) != 0) {
                match = match.withEthSrc(MacAddress.valueOf("fe:dc:ba:98:76:54"));
            }
            if ((fields & 4) != 0) {
                match = match.withEthDst(MacAddress.valueOf("80:01:02:03:04:05"));
            }
            if ((fields & 8) != 0) {
                match = match.withEthType(0x88cc);
            }
            matches.add(match);
            if ((fields & 16) != 0) {
                matches.add(match.withVlan(VlanId.NONE));
                matches.add(match.withVlan(VlanId.vlanId((short) 4094)));
            }
        }
        return matches;
    }

    private static final List<List<Action>> ACTIONS = List.of(List.of(),
            List.of(Action.output(PortNumber.portNumber(2))),
            List.of(Action.output(PortNumber.FLOOD), Action.output(PortNumber.CONTROLLER),
                    Action.output(PortNumber.IN_PORT), Action.output(PortNumber.LOCAL),
                    Action.output(PortNumber.portNumber(0xfeff))));

    private static Stream<FlowRule> rules() {
        return matches().stream().flatMap(match -> ACTIONS.stream().flatMap(actions -> Stream.of(
                new FlowRule(DEVICE, 0, 10, match, actions, 0x5701_0000_0000_0042L, 30, 0),
                new FlowRule(DEVICE, 0xfe, 0xffff, match, actions, 0xffff_ffff_ffff_fff0L, 0xffff, 0xfffe))));
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14", "OF_15"})
    void everyCommandOfEveryRuleIsWhatOpenflowjWrites(OFVersion version) {
        OFFactory factory = OFFactories.getFactory(version);
        rules().forEach(rule -> {
            for (FlowOperation.Type type : FlowOperation.Type.values()) {
                FlowOperation operation = new FlowOperation(type, rule);
                OFMessage expected = OpenFlowTranslator.flowMod(factory, operation).createBuilder().setXid(XID).build();
                assertThat(hex(FlowModWriter.write(UnpooledByteBufAllocator.DEFAULT, version, XID, type, rule,
                        OptionalInt.empty(), true))).as("%s %s", type, rule).isEqualTo(hex(expected));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14", "OF_15"})
    void theAnswerToAPacketInIsWhatOpenflowjWrites(OFVersion version) {
        OFFactory factory = OFFactories.getFactory(version);
        rules().forEach(rule -> {
            for (OptionalInt buffer : List.of(OptionalInt.empty(), OptionalInt.of(77), OptionalInt.of(-2))) {
                OFMessage expected = OpenFlowTranslator.reactiveFlowAdd(factory, XID, rule, buffer);
                assertThat(hex(FlowModWriter.write(UnpooledByteBufAllocator.DEFAULT, version, XID,
                        FlowOperation.Type.ADD, rule, buffer, false))).as("%s %s", buffer, rule).isEqualTo(hex(expected));
            }
        });
    }

    @Test
    void handlesRulesWhoseActionsAreAllOutputs() {
        TrafficMatch untagged = TrafficMatch.ANY.withVlan(VlanId.NONE);
        assertThat(FlowModWriter.handles(new FlowRule(DEVICE, 0, 1, untagged, List.of(), 0, 0, 0))).isTrue();
        assertThat(FlowModWriter.handles(new FlowRule(DEVICE, 0, 1, untagged,
                List.of(Action.output(PortNumber.portNumber(1)), Action.output(PortNumber.portNumber(2))), 0, 0, 0)))
                .isTrue();
        assertThat(FlowModWriter.handles(new FlowRule(DEVICE, 0, 1, untagged,
                List.of(Action.pushVlan(VlanId.vlanId((short) 5)), Action.output(PortNumber.portNumber(1))), 0, 0, 0)))
                .isFalse();
    }

    private static String hex(OFMessage message) {
        ByteBuf buffer = Unpooled.buffer();
        message.writeTo(buffer);
        return ByteBufUtil.hexDump(buffer);
    }

    private static String hex(ByteBuf buffer) {
        try {
            return ByteBufUtil.hexDump(buffer);
        } finally {
            buffer.release();
        }
    }
}

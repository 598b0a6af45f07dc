package io.weft.bench.install;

import io.netty.buffer.ByteBuf;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The rules of an install batch: rule {@code i} of a switch matches in port, source MAC
 * (unique per rule) and destination MAC and outputs to the last port - the shape of a
 * MAC-learning rule. The same rules are given to Weft as {@link FlowRule}s and to the raw
 * writer already encoded, as Weft would encode them.
 */
final class RuleSet {
    static final AppId BENCH = new AppId(0x7e, "bench");
    static final int PRIORITY = 10;
    private static final int MAX_OUTPUT_LENGTH = 0xffff;

    private RuleSet() {
    }

    static FlowRule rule(DeviceId device, int switchIndex, int i, int ports) {
        return new FlowRule(device, 0, PRIORITY,
                TrafficMatch.ANY.withInPort(PortNumber.portNumber(inPort(i, ports)))
                        .withEthSrc(MacAddress.valueOf(source(switchIndex, i)))
                        .withEthDst(MacAddress.valueOf(destination(switchIndex))),
                List.of(Action.output(PortNumber.portNumber(ports))), Cookies.cookie(BENCH, 0), 0, 0);
    }

    /** {@code count} rules of one switch, as flow operations cut into applies of {@code perApply}. */
    static List<List<FlowOperation>> operations(DeviceId device, int switchIndex, int count, int perApply, int ports) {
        List<List<FlowOperation>> applies = new ArrayList<>();
        List<FlowOperation> current = new ArrayList<>(Math.min(count, perApply));
        for (int i = 0; i < count; i++) {
            current.add(FlowOperation.add(rule(device, switchIndex, i, ports)));
            if (current.size() == perApply) {
                applies.add(current);
                current = new ArrayList<>(Math.min(count - i - 1, perApply));
            }
        }
        if (!current.isEmpty()) {
            applies.add(current);
        }
        return applies;
    }

    /** The same {@code count} rules encoded as Weft's translator encodes an ADD, xids from 1, into {@code out}. */
    static void encode(ByteBuf out, OFVersion version, int switchIndex, int count, int ports) {
        OFFactory factory = OFFactories.getFactory(version);
        List<OFAction> actions = List.of(factory.actions().output(OFPort.of(ports), MAX_OUTPUT_LENGTH));
        for (int i = 0; i < count; i++) {
            OFFlowAdd.Builder builder = factory.buildFlowAdd().setXid(i + 1L)
                    .setFlags(EnumSet.of(OFFlowModFlags.SEND_FLOW_REM))
                    .setCookie(U64.of(Cookies.cookie(BENCH, 0)))
                    .setPriority(PRIORITY)
                    .setIdleTimeout(0)
                    .setHardTimeout(0)
                    .setBufferId(OFBufferId.NO_BUFFER)
                    .setOutPort(OFPort.ANY)
                    .setMatch(factory.buildMatch()
                            .setExact(MatchField.IN_PORT, OFPort.of(inPort(i, ports)))
                            .setExact(MatchField.ETH_SRC,
                                    org.projectfloodlight.openflow.types.MacAddress.of(source(switchIndex, i)))
                            .setExact(MatchField.ETH_DST,
                                    org.projectfloodlight.openflow.types.MacAddress.of(destination(switchIndex)))
                            .build());
            if (version == OFVersion.OF_10) {
                builder.setActions(actions);
            } else {
                builder.setTableId(TableId.of(0)).setOutGroup(OFGroup.ANY)
                        .setInstructions(List.of(factory.instructions().applyActions(actions)));
            }
            builder.build().writeTo(out);
        }
    }

    private static int inPort(int i, int ports) {
        return 1 + i % (ports - 1);
    }

    private static long source(int switchIndex, int i) {
        return (0x02L << 40) | ((long) switchIndex << 24) | (i & 0xffffff);
    }

    private static long destination(int switchIndex) {
        return (0x06L << 40) | ((long) switchIndex << 24) | 1;
    }
}

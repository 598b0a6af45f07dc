package io.weft.southbound.openflow;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.Port;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.LongStream;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescPropEthernet;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPopVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetVlanVid;
import org.projectfloodlight.openflow.protocol.action.OFActionStripVlan;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.protocol.oxm.OFOxms;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.VlanVid;

/**
 * Translates between the protocol-neutral API and openflowj, per OpenFlow version:
 * 1.0 puts actions straight in flow mods and the input port in packet-outs; 1.3 and 1.4
 * use apply-actions instructions; 1.5 puts a packet-out's input port in a match. VLAN
 * tags: 1.0 matches dl_vlan and tags with set_vlan_vid, strip_vlan; 1.3 on match VLAN_VID
 * and push_vlan then set-field, pop_vlan.
 */
final class OpenFlowTranslator {
    private static final int MAX_OUTPUT_LENGTH = 0xffff;
    /**
     * The usual port numbers, made once: ONOS's PortNumber formats its number as a string when
     * made, and every packet-in names its port.
     */
    private static final List<PortNumber> PORT_NUMBERS = LongStream.range(0, 1024).mapToObj(PortNumber::portNumber)
            .toList();

    private OpenFlowTranslator() {
    }

    static OFFlowMod flowMod(OFFactory factory, FlowOperation operation) {
        OFFlowMod.Builder builder = switch (operation.type()) {
            case ADD -> factory.buildFlowAdd().setFlags(EnumSet.of(OFFlowModFlags.SEND_FLOW_REM));
            case MODIFY -> factory.buildFlowModifyStrict();
            case REMOVE -> factory.buildFlowDeleteStrict();
        };
        return fill(factory, builder, operation.rule()).setBufferId(OFBufferId.NO_BUFFER).build();
    }

    /**
     * A flow add that answers a packet-in: applied to the packet in {@code bufferId} when the
     * switch buffered it; without SEND_FLOW_REM, as nothing tracks the rule.
     */
    static OFFlowMod reactiveFlowAdd(OFFactory factory, long xid, FlowRule rule, OptionalInt bufferId) {
        return fill(factory, factory.buildFlowAdd().setXid(xid), rule)
                .setBufferId(bufferId.isPresent() ? OFBufferId.of(bufferId.getAsInt()) : OFBufferId.NO_BUFFER)
                .build();
    }

    private static OFFlowMod.Builder fill(OFFactory factory, OFFlowMod.Builder builder, FlowRule rule) {
        builder.setCookie(U64.of(rule.cookie()))
                .setPriority(rule.priority())
                .setIdleTimeout(rule.idleTimeout())
                .setHardTimeout(rule.hardTimeout())
                .setOutPort(OFPort.ANY)
                .setMatch(match(factory, rule.match()));
        List<OFAction> actions = actions(factory, rule.actions());
        if (factory.getVersion() == OFVersion.OF_10) {
            builder.setActions(actions);
        } else {
            builder.setTableId(TableId.of(rule.table()))
                    .setOutGroup(OFGroup.ANY)
                    .setInstructions(actions.isEmpty() ? List.of()
                            : List.of(factory.instructions().applyActions(actions)));
        }
        return builder;
    }

    static Match match(OFFactory factory, TrafficMatch match) {
        if (factory.getVersion() != OFVersion.OF_10) {
            return oxmMatch(factory, match);
        }
        Match.Builder builder = factory.buildMatch();
        match.inPort().ifPresent(p -> builder.setExact(MatchField.IN_PORT, ofPort(p)));
        match.ethSrc().ifPresent(m -> builder.setExact(MatchField.ETH_SRC, ofMac(m)));
        match.ethDst().ifPresent(m -> builder.setExact(MatchField.ETH_DST, ofMac(m)));
        match.ethType().ifPresent(t -> builder.setExact(MatchField.ETH_TYPE, EthType.of(t)));
        // openflowj writes UNTAGGED as OFPVID_NONE (0) from 1.3 on and as OFP_VLAN_NONE (0xffff)
        // on 1.0, and a tagged id with OFPVID_PRESENT from 1.3 on and without it on 1.0.
        match.vlan().ifPresent(v -> builder.setExact(MatchField.VLAN_VID, vlanVid(v)));
        return builder.build();
    }

    private static OFVlanVidMatch vlanVid(VlanId vlan) {
        return vlan.equals(VlanId.NONE) ? OFVlanVidMatch.UNTAGGED : OFVlanVidMatch.ofVlan(vlan.toShort());
    }

    /**
     * An OXM match (1.1+), its field list built once: openflowj's match builder rebuilds the
     * whole list - a walk over every match field there is - on each setExact, which made
     * translating matches the largest cost of installing a rule.
     */
    private static Match oxmMatch(OFFactory factory, TrafficMatch match) {
        OFOxms oxms = factory.oxms();
        List<OFOxm<?>> fields = new ArrayList<>(4);
        match.inPort().ifPresent(p -> fields.add(oxms.inPort(ofPort(p))));
        match.ethSrc().ifPresent(m -> fields.add(oxms.ethSrc(ofMac(m))));
        match.ethDst().ifPresent(m -> fields.add(oxms.ethDst(ofMac(m))));
        match.ethType().ifPresent(t -> fields.add(oxms.ethType(EthType.of(t))));
        match.vlan().ifPresent(v -> fields.add(oxms.vlanVid(vlanVid(v))));
        return factory.buildMatchV3().setOxmList(OFOxmList.ofList(fields)).build();
    }

    static TrafficMatch trafficMatch(Match match) {
        TrafficMatch result = TrafficMatch.ANY;
        if (match.isExact(MatchField.IN_PORT)) {
            result = result.withInPort(portNumber(match.get(MatchField.IN_PORT)));
        }
        if (match.isExact(MatchField.ETH_SRC)) {
            result = result.withEthSrc(MacAddress.valueOf(match.get(MatchField.ETH_SRC).getLong()));
        }
        if (match.isExact(MatchField.ETH_DST)) {
            result = result.withEthDst(MacAddress.valueOf(match.get(MatchField.ETH_DST).getLong()));
        }
        if (match.isExact(MatchField.ETH_TYPE)) {
            result = result.withEthType(match.get(MatchField.ETH_TYPE).getValue());
        }
        if (match.isExact(MatchField.VLAN_VID)) {
            Optional<VlanId> vlan = vlanId(match.get(MatchField.VLAN_VID));
            if (vlan.isPresent()) {
                result = result.withVlan(vlan.get());
            }
        }
        return result;
    }

    /** Empty for what no rule of ours matches: a priority tag (VLAN 0) or the reserved 4095. */
    private static Optional<VlanId> vlanId(OFVlanVidMatch vid) {
        if (!vid.isPresentBitSet()) {
            return vid.getVlan() == 0 ? Optional.of(VlanId.NONE) : Optional.empty();
        }
        short id = vid.getVlan();
        return id >= 1 && id < VlanId.MAX_VLAN ? Optional.of(VlanId.vlanId(id)) : Optional.empty();
    }

    static List<OFAction> actions(OFFactory factory, List<Action> actions) {
        if (actions.size() == 1 && actions.get(0) instanceof Action.Output output) {
            // The common case (every forwarding rule), without the list building below.
            return List.of(factory.actions().output(ofPort(output.port()), MAX_OUTPUT_LENGTH));
        }
        List<OFAction> result = new ArrayList<>(actions.size() + 1);
        for (Action action : actions) {
            result.addAll(actions(factory, action));
        }
        return List.copyOf(result);
    }

    private static List<OFAction> actions(OFFactory factory, Action action) {
        boolean of10 = factory.getVersion() == OFVersion.OF_10;
        return switch (action) {
            case Action.Output output -> List.of(factory.actions().output(ofPort(output.port()), MAX_OUTPUT_LENGTH));
            // OpenFlow 1.0 has no push: its set_vlan_vid tags an untagged frame with the id.
            case Action.PushVlan push -> of10 ? List.of(setVlanVid(factory, push.vlan()))
                    : List.of(factory.actions().pushVlan(EthType.VLAN_FRAME), setVlanField(factory, push.vlan()));
            case Action.SetVlan set -> List.of(of10 ? setVlanVid(factory, set.vlan()) : setVlanField(factory, set.vlan()));
            case Action.PopVlan pop -> List.of(of10 ? factory.actions().stripVlan() : factory.actions().popVlan());
        };
    }

    private static OFAction setVlanVid(OFFactory factory, VlanId vlan) {
        return factory.actions().setVlanVid(VlanVid.ofVlan(vlan.toShort()));
    }

    /** A set-field of VLAN_VID carries OFPVID_PRESENT, which Open vSwitch requires. */
    private static OFAction setVlanField(OFFactory factory, VlanId vlan) {
        return factory.actions().setField(factory.oxms().vlanVid(OFVlanVidMatch.ofVlan(vlan.toShort())));
    }

    static OFPacketOut packetOut(OFFactory factory, long xid, OutboundPacket packet) {
        OFPacketOut.Builder builder = factory.buildPacketOut().setXid(xid)
                .setActions(actions(factory, packet.actions()));
        if (factory.getVersion().compareTo(OFVersion.OF_15) >= 0) {
            builder.setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, ofPort(packet.inPort())).build());
        } else {
            builder.setInPort(ofPort(packet.inPort()));
        }
        if (packet.bufferId().isPresent()) {
            builder.setBufferId(OFBufferId.of(packet.bufferId().getAsInt()));
        } else {
            builder.setBufferId(OFBufferId.NO_BUFFER).setData(packet.data());
        }
        return builder.build();
    }

    /** Match fields a {@link TrafficMatch} can name; a rule matching on any other is not one Weft wrote. */
    private static final Set<MatchField<?>> MODEL_FIELDS = Set.of(MatchField.IN_PORT, MatchField.ETH_SRC,
            MatchField.ETH_DST, MatchField.ETH_TYPE, MatchField.VLAN_VID);

    /**
     * A rule as a switch reports it in flow statistics, back in the model's terms; empty for
     * one the model cannot express (other match fields, masks, instructions or actions), which
     * Weft therefore never installed.
     */
    static Optional<FlowRule> flowRule(DeviceId device, OFFlowStatsEntry entry) {
        Match match = entry.getMatch();
        for (MatchField<?> field : match.getMatchFields()) {
            if (!MODEL_FIELDS.contains(field) || !match.isExact(field)) {
                return Optional.empty();
            }
        }
        TrafficMatch traffic = trafficMatch(match);
        if (match.isExact(MatchField.VLAN_VID) && traffic.vlan().isEmpty()) {
            return Optional.empty();
        }
        Optional<List<Action>> actions = entry.getVersion() == OFVersion.OF_10
                ? modelActions(entry.getActions(), traffic)
                : applyActions(entry.getInstructions()).flatMap(list -> modelActions(list, traffic));
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        int table = entry.getVersion() == OFVersion.OF_10 ? 0 : entry.getTableId().getValue();
        try {
            return Optional.of(new FlowRule(device, table, entry.getPriority(), traffic, actions.get(),
                    entry.getCookie().getValue(), entry.getIdleTimeout(), entry.getHardTimeout()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The actions of the one apply-actions instruction Weft writes (none for a drop); empty for anything else. */
    private static Optional<List<OFAction>> applyActions(List<OFInstruction> instructions) {
        if (instructions.isEmpty()) {
            return Optional.of(List.of());
        }
        if (instructions.size() == 1 && instructions.get(0) instanceof OFInstructionApplyActions apply) {
            return Optional.of(apply.getActions());
        }
        return Optional.empty();
    }

    private static Optional<List<Action>> modelActions(List<OFAction> actions, TrafficMatch match) {
        List<Action> result = new ArrayList<>(actions.size());
        boolean tagged = match.vlan().filter(v -> !v.equals(VlanId.NONE)).isPresent();
        boolean pushing = false;
        for (OFAction action : actions) {
            Action next;
            if (action instanceof OFActionOutput output) {
                next = Action.output(portNumber(output.getPort()));
            } else if (action instanceof OFActionPushVlan push && push.getEthertype().equals(EthType.VLAN_FRAME)) {
                // A push is written together with the set-field of its id: the two read back as one action.
                pushing = true;
                continue;
            } else if (action instanceof OFActionSetField set && set.getField() instanceof OFOxmVlanVid vid
                    && vid.getValue().isPresentBitSet()) {
                VlanId id = VlanId.vlanId(vid.getValue().getVlan());
                next = pushing ? Action.pushVlan(id) : Action.setVlan(id);
                tagged = true;
            } else if (action instanceof OFActionSetVlanVid set) {
                // OpenFlow 1.0 tags an untagged frame with set_vlan_vid: a push in the model.
                VlanId id = VlanId.vlanId(set.getVlanVid().getVlan());
                next = tagged ? Action.setVlan(id) : Action.pushVlan(id);
                tagged = true;
            } else if (action instanceof OFActionPopVlan || action instanceof OFActionStripVlan) {
                next = Action.popVlan();
                tagged = false;
            } else {
                return Optional.empty();
            }
            if (pushing && !(next instanceof Action.PushVlan)) {
                return Optional.empty();
            }
            pushing = false;
            result.add(next);
        }
        return pushing ? Optional.empty() : Optional.of(result);
    }

    /** The model's view of a port; empty for reserved ports such as LOCAL. */
    static Optional<Port> port(OFPortDesc desc) {
        long number = desc.getPortNo().getPortNumber() & 0xffffffffL;
        boolean reserved = number >= 0xffffff00L || desc.getVersion() == OFVersion.OF_10 && number >= 0xff00;
        if (reserved || number == 0) {
            return Optional.empty();
        }
        boolean up = !desc.getState().contains(OFPortState.LINK_DOWN)
                && !desc.getConfig().contains(OFPortConfig.PORT_DOWN);
        return Optional.of(new Port(PortNumber.portNumber(number), desc.getName(),
                MacAddress.valueOf(desc.getHwAddr().getLong()), up, speedMbps(desc)));
    }

    static List<Port> ports(List<OFPortDesc> descs) {
        return descs.stream().map(OpenFlowTranslator::port).flatMap(Optional::stream).toList();
    }

    private static long speedMbps(OFPortDesc desc) {
        return switch (desc.getVersion()) {
            case OF_10 -> featureSpeedMbps(desc.getCurr());
            case OF_11, OF_12, OF_13 -> desc.getCurrSpeed() / 1000;
            default -> desc.getProperties().stream()
                    .filter(OFPortDescPropEthernet.class::isInstance)
                    .map(OFPortDescPropEthernet.class::cast)
                    .mapToLong(p -> p.getCurrSpeed() / 1000)
                    .findFirst().orElse(0);
        };
    }

    private static long featureSpeedMbps(Set<OFPortFeatures> features) {
        long speed = 0;
        for (OFPortFeatures f : features) {
            speed = Math.max(speed, switch (f) {
                case PF_10MB_HD, PF_10MB_FD -> 10L;
                case PF_100MB_HD, PF_100MB_FD -> 100L;
                case PF_1GB_HD, PF_1GB_FD -> 1_000L;
                case PF_10GB_FD -> 10_000L;
                case PF_40GB_FD -> 40_000L;
                case PF_100GB_FD -> 100_000L;
                case PF_1TB_FD -> 1_000_000L;
                default -> 0L;
            });
        }
        return speed;
    }

    static OFPort ofPort(PortNumber port) {
        return OFPort.ofInt((int) port.toLong());
    }

    /** A port as the model names it: reserved ports as the model's constants, which compare by name as well. */
    static PortNumber portNumber(OFPort port) {
        return portNumber(port.getPortNumber() & 0xffffffffL);
    }

    /**
     * @param number a 32-bit port number, unsigned; reserved ports come back as the model's
     *               constants, which compare by name as well
     */
    static PortNumber portNumber(long number) {
        if (number < PORT_NUMBERS.size()) {
            return PORT_NUMBERS.get((int) number);
        }
        return switch ((int) number) {
            case 0xfffffff8 -> PortNumber.IN_PORT;
            case 0xfffffff9 -> PortNumber.TABLE;
            case 0xfffffffa -> PortNumber.NORMAL;
            case 0xfffffffb -> PortNumber.FLOOD;
            case 0xfffffffc -> PortNumber.ALL;
            case 0xfffffffd -> PortNumber.CONTROLLER;
            case 0xfffffffe -> PortNumber.LOCAL;
            case 0xffffffff -> PortNumber.ANY;
            default -> PortNumber.portNumber(number);
        };
    }

    private static org.projectfloodlight.openflow.types.MacAddress ofMac(MacAddress mac) {
        return org.projectfloodlight.openflow.types.MacAddress.of(mac.toLong());
    }
}

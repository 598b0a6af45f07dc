package io.weft.bench.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * What one emulated switch's flow table holds, as far as the bench needs to follow a host's
 * frame: rules matching on any of input port, Ethernet source, destination and type, with
 * output actions. One table (path forwarding uses table 0). Rules matching on anything else
 * are kept but never match a traced frame. Not thread-safe: the fabric guards it.
 *
 * <p>Semantics follow the OpenFlow spec where it matters for tracing: ADD replaces a rule of
 * the same priority and match; MODIFY_STRICT changes that rule's actions (and on 1.0 adds it
 * when absent); DELETE_STRICT removes it; non-strict MODIFY and DELETE apply to every rule the
 * request's match covers (DELETE also filtered by out_port).
 */
final class FlowTableModel {
    /** An output to anything but a physical port (controller, flood, local). */
    static final int NOT_A_PORT = -1;

    /** The fields a rule matches on; null is a wildcard. {@code other} is true if it matches on more. */
    record MatchKey(Integer inPort, Long ethSrc, Long ethDst, Integer ethType, boolean other) {
        /** True if every field this match names has the same value in {@code rule}: it covers the rule. */
        boolean covers(MatchKey rule) {
            return !other && (inPort == null || inPort.equals(rule.inPort))
                    && (ethSrc == null || ethSrc.equals(rule.ethSrc))
                    && (ethDst == null || ethDst.equals(rule.ethDst))
                    && (ethType == null || ethType.equals(rule.ethType));
        }

        boolean matches(int frameInPort, long src, long dst, int type) {
            return !other && (inPort == null || inPort == frameInPort) && (ethSrc == null || ethSrc == src)
                    && (ethDst == null || ethDst == dst) && (ethType == null || ethType == type);
        }
    }

    record Rule(int priority, MatchKey match, List<Integer> outputs) {
        boolean outputsTo(int port) {
            return outputs.contains(port);
        }
    }

    private final OFVersion version;
    private final List<Rule> rules = new ArrayList<>();

    FlowTableModel(OFVersion version) {
        this.version = version;
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    void apply(OFFlowMod mod) {
        Rule rule = new Rule(mod.getPriority(), matchKey(mod.getMatch()), outputs(mod));
        OFFlowModCommand command = mod.getCommand();
        switch (command) {
            case ADD -> {
                rules.removeIf(r -> sameEntry(r, rule));
                rules.add(rule);
            }
            case MODIFY_STRICT -> {
                boolean found = rules.removeIf(r -> sameEntry(r, rule));
                if (found || version == OFVersion.OF_10) {
                    rules.add(rule);
                }
            }
            case MODIFY -> {
                boolean found = false;
                for (int i = 0; i < rules.size(); i++) {
                    Rule r = rules.get(i);
                    if (rule.match().covers(r.match())) {
                        rules.set(i, new Rule(r.priority(), r.match(), rule.outputs()));
                        found = true;
                    }
                }
                if (!found && version == OFVersion.OF_10) {
                    rules.add(rule);
                }
            }
            case DELETE_STRICT -> rules.removeIf(r -> sameEntry(r, rule) && outPortAllows(mod, r));
            case DELETE -> rules.removeIf(r -> rule.match().covers(r.match()) && outPortAllows(mod, r));
        }
    }

    /** The rule a frame meets: the highest priority among those that match it. */
    Optional<Rule> lookup(int inPort, long src, long dst, int ethType) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.match().matches(inPort, src, dst, ethType) && (best == null || r.priority() > best.priority())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean sameEntry(Rule a, Rule b) {
        return a.priority() == b.priority() && Objects.equals(a.match(), b.match());
    }

    private boolean outPortAllows(OFFlowMod mod, Rule r) {
        OFPort out = mod.getOutPort();
        if (out == null || out.equals(OFPort.ANY)) {
            return true;
        }
        return r.outputsTo(portNumber(version, out));
    }

    static MatchKey matchKey(Match match) {
        Integer inPort = null;
        Long src = null;
        Long dst = null;
        Integer type = null;
        boolean other = false;
        for (MatchField<?> field : match.getMatchFields()) {
            boolean exact = match.isExact(field);
            if (field.equals(MatchField.IN_PORT) && exact) {
                inPort = match.get(MatchField.IN_PORT).getPortNumber();
            } else if (field.equals(MatchField.ETH_SRC) && exact) {
                src = match.get(MatchField.ETH_SRC).getLong();
            } else if (field.equals(MatchField.ETH_DST) && exact) {
                dst = match.get(MatchField.ETH_DST).getLong();
            } else if (field.equals(MatchField.ETH_TYPE) && exact) {
                type = match.get(MatchField.ETH_TYPE).getValue();
            } else if (field.equals(MatchField.VLAN_VID) && exact
                    && match.get(MatchField.VLAN_VID).equals(OFVlanVidMatch.UNTAGGED)) {
                // Untagged only: what the emulated hosts send, so it constrains nothing here.
                continue;
            } else if (exact || match.isPartiallyMasked(field)) {
                other = true;
            }
        }
        return new MatchKey(inPort, src, dst, type, other);
    }

    private List<Integer> outputs(OFFlowMod mod) {
        List<OFAction> actions = new ArrayList<>();
        if (version == OFVersion.OF_10) {
            actions.addAll(mod.getActions());
        } else {
            for (OFInstruction instruction : mod.getInstructions()) {
                if (instruction instanceof OFInstructionApplyActions apply) {
                    actions.addAll(apply.getActions());
                }
            }
        }
        return actions.stream().filter(OFActionOutput.class::isInstance)
                .map(a -> portNumber(version, ((OFActionOutput) a).getPort())).toList();
    }

    /** A physical port's number, or {@link #NOT_A_PORT} for the reserved ones. */
    static int portNumber(OFVersion version, OFPort port) {
        long n = port.getPortNumber() & 0xffffffffL;
        long firstReserved = version == OFVersion.OF_10 ? 0xff00L : 0xffffff00L;
        return n > 0 && n < firstReserved ? (int) n : NOT_A_PORT;
    }
}

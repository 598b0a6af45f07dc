package io.weft.southbound.api;

import java.util.List;
import java.util.Objects;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;

/**
 * A flow rule as apps describe it, independent of OpenFlow version.
 *
 * <p>VLAN actions must agree with what the rule knows of the frame's tag, so that every
 * version and switch does the same thing: {@link Action.SetVlan} and {@link Action.PopVlan}
 * need a tag the match names or an earlier action pushed (Open vSwitch refuses them otherwise
 * on OpenFlow 1.1 and later), and {@link Action.PushVlan} needs a frame known to be untagged:
 * the match says {@link VlanId#NONE}, or an earlier action popped the tag it pushed
 * (OpenFlow 1.0 cannot stack a second tag; it would rewrite the first).
 *
 * @param table       table id (ignored by switches with a single table)
 * @param priority    0 to 65535; higher wins
 * @param cookie      owner, see {@link Cookies}
 * @param idleTimeout seconds without a matching packet before the switch removes it; 0: never
 * @param hardTimeout seconds after which the switch removes it; 0: never
 */
public record FlowRule(DeviceId device, int table, int priority, TrafficMatch match, List<Action> actions,
                       long cookie, int idleTimeout, int hardTimeout) {
    public FlowRule {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(match, "match");
        actions = List.copyOf(actions);
        requireRange("table", table, 0xfe);
        requireRange("priority", priority, 0xffff);
        requireRange("idleTimeout", idleTimeout, 0xffff);
        requireRange("hardTimeout", hardTimeout, 0xffff);
        requireConsistentTagging(match, actions);
    }

    /** What a rule knows of a frame's outer tag at one point of its action list. */
    private enum Tagging { TAGGED, UNTAGGED, UNKNOWN }

    private static void requireConsistentTagging(TrafficMatch match, List<Action> actions) {
        Tagging tagging = match.vlan().map(v -> v.equals(VlanId.NONE) ? Tagging.UNTAGGED : Tagging.TAGGED)
                .orElse(Tagging.UNKNOWN);
        boolean pushed = false;
        for (Action action : actions) {
            switch (action) {
                case Action.PushVlan push -> {
                    if (tagging != Tagging.UNTAGGED) {
                        throw new IllegalArgumentException("cannot push " + push.vlan()
                                + " onto a frame not known to be untagged: match untagged frames, or set the tag");
                    }
                    tagging = Tagging.TAGGED;
                    pushed = true;
                }
                case Action.SetVlan set -> {
                    if (tagging != Tagging.TAGGED) {
                        throw new IllegalArgumentException("cannot set " + set.vlan()
                                + " on a frame not known to be tagged: match a VLAN id or push one first");
                    }
                }
                case Action.PopVlan pop -> {
                    if (tagging != Tagging.TAGGED) {
                        throw new IllegalArgumentException(
                                "cannot pop a tag from a frame not known to be tagged: match a VLAN id or push one first");
                    }
                    // Under a tag the match named there may be another; under one we pushed there is none.
                    tagging = pushed ? Tagging.UNTAGGED : Tagging.UNKNOWN;
                    pushed = false;
                }
                case Action.Output output -> {
                }
            }
        }
    }

    private static void requireRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be within 0.." + max + ", was " + value);
        }
    }
}

package io.weft.apps.vnet;

import io.weft.southbound.api.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * Orders the outputs of one rule so that each copy leaves with its own tag, using only the tag
 * actions every OpenFlow version has and {@link io.weft.southbound.api.FlowRule} accepts: an
 * untagged frame sends its untagged copies first, then is pushed and re-set for the tagged
 * ones; a tagged frame sends its tagged copies first (re-set as needed), and pops the tag only
 * at the end, since a frame whose matched tag was popped may not be pushed onto again.
 */
final class TagActions {
    /** One copy: out of {@code port}, tagged {@code vlan} ({@link VlanId#NONE}: untagged). */
    record Out(PortNumber port, VlanId vlan) {
    }

    private TagActions() {
    }

    /**
     * @param vlan   the frame's tag as the rule matches it ({@link VlanId#NONE}: untagged)
     * @param inPort the port the rule matches; a copy for it goes out through {@link PortNumber#IN_PORT},
     *               as switches send nothing back out of the arrival port otherwise
     */
    static List<Action> actions(VlanId vlan, PortNumber inPort, List<Out> outs) {
        Map<VlanId, List<PortNumber>> byTag = new LinkedHashMap<>();
        for (Out out : outs) {
            byTag.computeIfAbsent(out.vlan(), v -> new ArrayList<>())
                    .add(out.port().equals(inPort) ? PortNumber.IN_PORT : out.port());
        }
        List<Action> actions = new ArrayList<>();
        List<PortNumber> untagged = byTag.remove(VlanId.NONE);
        boolean tagged = !vlan.equals(VlanId.NONE);
        if (!tagged && untagged != null) {
            untagged.forEach(p -> actions.add(Action.output(p)));
        }
        VlanId current = vlan;
        for (Map.Entry<VlanId, List<PortNumber>> group : byTag.entrySet()) {
            if (current.equals(VlanId.NONE)) {
                actions.add(Action.pushVlan(group.getKey()));
            } else if (!current.equals(group.getKey())) {
                actions.add(Action.setVlan(group.getKey()));
            }
            current = group.getKey();
            group.getValue().forEach(p -> actions.add(Action.output(p)));
        }
        if (tagged && untagged != null) {
            actions.add(Action.popVlan());
            untagged.forEach(p -> actions.add(Action.output(p)));
        }
        return actions;
    }
}

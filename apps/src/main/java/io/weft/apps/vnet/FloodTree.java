package io.weft.apps.vnet;

import io.weft.topology.link.Link;
import io.weft.topology.path.Topology;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onosproject.net.DeviceId;

/**
 * The part of the fabric's broadcast tree one network's broadcasts need: a tree link is kept
 * when devices with the network's attachments lie on both of its sides, so a broadcast
 * reaches every such device once and goes nowhere else.
 */
final class FloodTree {
    private static final Comparator<Link> BY_PORT = Comparator.comparingLong(l -> l.src().port().toLong());

    private final Map<DeviceId, List<Link>> out;
    private final Map<DeviceId, List<Link>> in;

    private FloodTree(Map<DeviceId, List<Link>> out, Map<DeviceId, List<Link>> in) {
        this.out = out;
        this.in = in;
    }

    static FloodTree of(Topology topology, Set<DeviceId> members) {
        Map<DeviceId, List<Link>> tree = new HashMap<>();
        for (DeviceId device : topology.devices()) {
            tree.put(device, topology.egressLinks(device).stream().filter(topology::onBroadcastTree)
                    .sorted(BY_PORT).toList());
        }
        // Root each tree of the forest, then count members below every device.
        Map<DeviceId, Link> parentLink = new HashMap<>();
        Map<DeviceId, DeviceId> rootOf = new HashMap<>();
        Map<DeviceId, Integer> below = new HashMap<>();
        Set<DeviceId> seen = new HashSet<>();
        for (DeviceId root : topology.devices()) {
            if (!seen.add(root)) {
                continue;
            }
            List<DeviceId> order = new ArrayList<>();
            Deque<DeviceId> stack = new ArrayDeque<>(List.of(root));
            while (!stack.isEmpty()) {
                DeviceId at = stack.pop();
                order.add(at);
                rootOf.put(at, root);
                for (Link link : tree.get(at)) {
                    DeviceId next = link.dst().device();
                    if (seen.add(next)) {
                        parentLink.put(next, link);
                        stack.push(next);
                    }
                }
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                DeviceId at = order.get(i);
                int count = below.getOrDefault(at, 0) + (members.contains(at) ? 1 : 0);
                below.put(at, count);
                Link up = parentLink.get(at);
                if (up != null) {
                    below.merge(up.src().device(), count, Integer::sum);
                }
            }
        }
        Map<DeviceId, List<Link>> out = new HashMap<>();
        Map<DeviceId, List<Link>> in = new HashMap<>();
        for (List<Link> links : tree.values()) {
            for (Link link : links) {
                DeviceId from = link.src().device();
                DeviceId to = link.dst().device();
                int total = below.get(rootOf.get(from));
                int ahead = link.equals(parentLink.get(to)) ? below.get(to) : total - below.get(from);
                if (ahead > 0 && total - ahead > 0) {
                    out.computeIfAbsent(from, d -> new ArrayList<>()).add(link);
                    in.computeIfAbsent(to, d -> new ArrayList<>()).add(link);
                }
            }
        }
        out.replaceAll((d, links) -> links.stream().sorted(BY_PORT).toList());
        in.replaceAll((d, links) -> links.stream().sorted(Comparator.comparingLong(l -> l.dst().port().toLong()))
                .toList());
        return new FloodTree(Map.copyOf(out), Map.copyOf(in));
    }

    /** The kept tree links leaving {@code device}, by port. */
    List<Link> out(DeviceId device) {
        return out.getOrDefault(device, List.of());
    }

    /** The kept tree links arriving at {@code device}, by arrival port. */
    List<Link> in(DeviceId device) {
        return in.getOrDefault(device, List.of());
    }

    /** Devices a broadcast arrives at over the tree, sorted. */
    List<DeviceId> reached() {
        return in.keySet().stream().sorted(Comparator.comparing(DeviceId::toString)).toList();
    }
}

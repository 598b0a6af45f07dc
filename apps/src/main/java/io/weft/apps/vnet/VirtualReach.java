package io.weft.apps.vnet;

import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of a network's edge ports reach each other by its virtual topology: all of them in a
 * big switch; in a custom network, those whose virtual switches are joined through virtual
 * links. Removing a virtual link splits a part exactly where the virtual topology says.
 */
public final class VirtualReach {
    /** Edge ports in order of switch name, then port number. */
    public static final Comparator<VirtualPortId> PORT_ORDER = Comparator.comparing(VirtualPortId::virtualSwitch)
            .thenComparingInt(VirtualPortId::port);

    private final List<Set<VirtualPortId>> parts;
    private final Map<VirtualPortId, Integer> partOf;

    private VirtualReach(List<Set<VirtualPortId>> parts) {
        this.parts = List.copyOf(parts);
        Map<VirtualPortId, Integer> index = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (VirtualPortId port : parts.get(i)) {
                index.put(port, i);
            }
        }
        this.partOf = Map.copyOf(index);
    }

    public static VirtualReach of(NetworkSpec spec) {
        Map<String, String> root = new HashMap<>();
        if (spec.network().kind() == VirtualNetwork.Kind.CUSTOM) {
            for (VirtualLink link : spec.links()) {
                String a = find(root, link.src().virtualSwitch());
                String b = find(root, link.dst().virtualSwitch());
                if (!a.equals(b)) {
                    // The smaller name stays the root, so the parts do not depend on link order.
                    root.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
                }
            }
        }
        Map<String, Set<VirtualPortId>> bySwitch = new TreeMap<>();
        for (VirtualPortId port : spec.edges().keySet()) {
            String key = spec.network().kind() == VirtualNetwork.Kind.CUSTOM ? find(root, port.virtualSwitch()) : "";
            bySwitch.computeIfAbsent(key, k -> new TreeSet<>(PORT_ORDER)).add(port);
        }
        List<Set<VirtualPortId>> parts = new ArrayList<>();
        bySwitch.values().stream().sorted(Comparator.comparing((Set<VirtualPortId> s) -> s.iterator().next(),
                PORT_ORDER)).forEach(s -> parts.add(Collections.unmodifiableSet(s)));
        return new VirtualReach(parts);
    }

    private static String find(Map<String, String> root, String name) {
        String at = name;
        while (root.containsKey(at)) {
            at = root.get(at);
        }
        return at;
    }

    /** The connected parts' edge ports, each sorted, in order of their first port. */
    public List<Set<VirtualPortId>> parts() {
        return parts;
    }

    /** The edge ports {@code port} reaches, itself included; none when it is not an edge port. */
    public Set<VirtualPortId> reachedFrom(VirtualPortId port) {
        Integer part = partOf.get(port);
        return part == null ? Set.of() : parts.get(part);
    }

    public boolean connected(VirtualPortId a, VirtualPortId b) {
        Integer part = partOf.get(a);
        return part != null && part.equals(partOf.get(b));
    }
}

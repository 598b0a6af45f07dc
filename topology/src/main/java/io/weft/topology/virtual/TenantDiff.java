package io.weft.topology.virtual;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The events that take a tenant from one state to the next: removals innermost first, then
 * additions and updates outermost first (see {@link VirtualNetworkEvent}).
 */
final class TenantDiff {
    private TenantDiff() {
    }

    static List<VirtualNetworkEvent> between(Optional<TenantState> before, Optional<TenantState> after) {
        List<Map<Object, VirtualElement>> old = layers(before);
        List<Map<Object, VirtualElement>> now = layers(after);
        List<VirtualNetworkEvent> events = new ArrayList<>();
        for (int layer = old.size() - 1; layer >= 0; layer--) {
            Map<Object, VirtualElement> current = now.get(layer);
            old.get(layer).forEach((key, element) -> {
                if (!current.containsKey(key)) {
                    events.add(VirtualNetworkEvent.removed(element));
                }
            });
        }
        for (int layer = 0; layer < now.size(); layer++) {
            Map<Object, VirtualElement> previous = old.get(layer);
            now.get(layer).forEach((key, element) -> {
                VirtualElement was = previous.get(key);
                if (was == null) {
                    events.add(VirtualNetworkEvent.added(element));
                } else if (!Objects.equals(was, element)) {
                    events.add(VirtualNetworkEvent.updated(was, element));
                }
            });
        }
        return events;
    }

    /** The tenant's elements by identity, one map per layer, outermost first. */
    private static List<Map<Object, VirtualElement>> layers(Optional<TenantState> state) {
        List<Map<Object, VirtualElement>> layers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            layers.add(new LinkedHashMap<>());
        }
        state.ifPresent(tenant -> {
            layers.get(0).put(tenant.id(), tenant.tenant());
            tenant.attachments().values().forEach(a -> layers.get(1).put(a.id(), a));
            for (NetworkState network : tenant.networks().values()) {
                NetworkId id = network.id();
                layers.get(2).put(id, network.network());
                network.switches().forEach(s -> layers.get(3).put(s, s));
                network.ports().values().forEach(p -> layers.get(4).put(List.of(id, p.id()), p));
                network.links().values().forEach(l -> layers.get(5).put(List.of(id, l.id()), l));
                network.hosts().values().forEach(h -> layers.get(6).put(List.of(id, h.mac()), h));
            }
        });
        return layers;
    }
}

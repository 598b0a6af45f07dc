package io.weft.apps.vnet;

import io.weft.topology.path.Path;
import io.weft.topology.path.Topology;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onosproject.net.DeviceId;

/**
 * How each virtual link of the custom networks is carried, for the topology views. A virtual
 * switch is anchored at the lowest device id among its attachments that are on the fabric; a
 * link is carried along the shortest physical path between its two switches' anchors, which is
 * where traffic between their attachments goes. A link with an end that has no attachment on
 * the fabric (a transit switch) carries nothing physical by itself: it is up, with no path.
 */
final class Realizations {
    private Realizations() {
    }

    static Map<VirtualLink, LinkRealization> of(Iterable<NetworkSpec> specs, Topology topology) {
        Map<VirtualLink, LinkRealization> all = new HashMap<>();
        for (NetworkSpec spec : specs) {
            if (spec.network().kind() != VirtualNetwork.Kind.CUSTOM) {
                continue;
            }
            Map<String, DeviceId> anchors = new HashMap<>();
            for (Map.Entry<VirtualPortId, Attachment> edge : spec.edges().entrySet()) {
                DeviceId device = edge.getValue().point().device();
                if (topology.devices().contains(device)) {
                    anchors.merge(edge.getKey().virtualSwitch(), device,
                            (a, b) -> Comparator.comparing(DeviceId::toString).compare(a, b) <= 0 ? a : b);
                }
            }
            for (VirtualLink link : spec.links()) {
                DeviceId src = anchors.get(link.src().virtualSwitch());
                DeviceId dst = anchors.get(link.dst().virtualSwitch());
                if (src == null || dst == null) {
                    all.put(link, new LinkRealization(LinkRealization.State.UP, List.of()));
                    continue;
                }
                Optional<Path> path = topology.path(src, dst);
                all.put(link, path.map(p -> new LinkRealization(LinkRealization.State.UP, p.links()))
                        .orElse(new LinkRealization(LinkRealization.State.DOWN, List.of())));
            }
        }
        return Map.copyOf(all);
    }
}

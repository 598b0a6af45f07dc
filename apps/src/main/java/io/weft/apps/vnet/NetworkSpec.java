package io.weft.apps.vnet;

import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the compiler needs of one virtual network: the network, its edge ports with the
 * attachments they are bound to, its virtual links (a big switch has none) and its hosts,
 * declared and learned.
 */
public record NetworkSpec(VirtualNetwork network, Map<VirtualPortId, Attachment> edges, List<VirtualLink> links,
                          List<VirtualHost> hosts) {
    public NetworkSpec {
        Objects.requireNonNull(network, "network");
        edges = Map.copyOf(edges);
        links = List.copyOf(links);
        hosts = List.copyOf(hosts);
        for (VirtualLink link : links) {
            if (!link.network().equals(network.id())) {
                throw new IllegalArgumentException("link " + link + " is not in network " + network.id());
            }
        }
        for (VirtualHost host : hosts) {
            if (!host.network().equals(network.id())) {
                throw new IllegalArgumentException("host " + host.mac() + " is not in network " + network.id());
            }
        }
    }

    /** A big switch: its attachments and hosts. */
    public static NetworkSpec bigSwitch(VirtualNetwork network, Map<VirtualPortId, Attachment> edges,
                                        List<VirtualHost> hosts) {
        return new NetworkSpec(network, edges, List.of(), hosts);
    }
}

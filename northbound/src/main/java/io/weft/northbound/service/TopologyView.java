package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualHost;
import java.util.List;
import java.util.Objects;

/** A whole virtual network at once: its switches with their ports, its links, its hosts. */
public record TopologyView(NetworkView network, List<SwitchView> switches, List<LinkView> links,
                           List<VirtualHost> hosts) {
    public TopologyView {
        Objects.requireNonNull(network, "network");
        switches = List.copyOf(switches);
        links = List.copyOf(links);
        hosts = List.copyOf(hosts);
    }
}

package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.Traffic;
import java.util.List;
import java.util.Objects;

/** What a virtual network's edge ports sent into it and received from it, each and in total. */
public record NetworkStatsView(NetworkId network, Traffic sent, Traffic received, List<PortTrafficView> ports) {
    public NetworkStatsView {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(received, "received");
        ports = List.copyOf(ports);
    }
}

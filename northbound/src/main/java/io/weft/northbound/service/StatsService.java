package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualNetworkStatsService;
import io.weft.topology.virtual.VirtualPortStats;

/**
 * A virtual network's edge traffic, for the admin or the tenant; the physical fabric's
 * statistics are {@link FabricService}'s, the admin's only.
 */
public final class StatsService {
    private final VirtualNetworkService networks;
    private final VirtualNetworkStatsService stats;
    private final Access access;
    private final Views views;

    StatsService(VirtualNetworkService networks, VirtualNetworkStatsService stats, Access access, Views views) {
        this.networks = networks;
        this.stats = stats;
        this.access = access;
        this.views = views;
    }

    /**
     * What each edge port of the network sent and received, and the totals. A port whose switch
     * was not polled says so and counts zero; where nothing collects statistics, every edge port
     * reads so.
     */
    public NetworkStatsView network(Principal who, NetworkId id) {
        access.network(who, id);
        VirtualNetworkStats network = stats.stats(id).orElseGet(() -> VirtualNetworkStats.of(id,
                networks.ports(id).stream().filter(p -> p.attachment().isPresent())
                        .map(p -> VirtualPortStats.notPolled(p.id(), p.attachment().get())).toList()));
        return new NetworkStatsView(id, network.sent(), network.received(), network.ports().stream()
                .map(port -> new PortTrafficView(port.port(), port.attachment(),
                        views.physical(id.tenant(), port.attachment(), who), port.polledAt(), port.sent(),
                        port.received()))
                .toList());
    }
}

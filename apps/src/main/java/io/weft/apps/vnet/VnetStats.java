package io.weft.apps.vnet;

import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualNetworkStatsService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onosproject.net.DeviceId;

/**
 * Each virtual network's edge-port traffic, from the latest statistics of the switches its
 * attachments are on: the counters of the rules with the network's cookie
 * ({@link VnetCompiler#cookie(VirtualNetwork)}) there ({@link EdgeTraffic}). Rules a switch
 * removed or replaced took their counts with them, so the numbers count from when the rules
 * now in place were installed.
 */
public final class VnetStats implements VirtualNetworkStatsService {
    private final VirtualNetworkService networks;
    private final LatestStats stats;

    public VnetStats(VirtualNetworkService networks, LatestStats stats) {
        this.networks = networks;
        this.stats = stats;
    }

    @Override
    public Optional<VirtualNetworkStats> stats(NetworkId id) {
        Optional<VirtualNetwork> network = networks.network(id);
        if (network.isEmpty()) {
            return Optional.empty();
        }
        long cookie = VnetCompiler.cookie(network.get());
        Map<DeviceId, Optional<DeviceStats>> polled = new HashMap<>();
        List<VirtualPortStats> ports = new ArrayList<>();
        for (VirtualPort port : networks.ports(id)) {
            Optional<Attachment> attachment = port.attachment().flatMap(a -> networks.attachment(id.tenant(), a));
            if (attachment.isEmpty()) {
                continue;
            }
            Attachment at = attachment.get();
            Optional<DeviceStats> device = polled.computeIfAbsent(at.point().device(), stats::latest);
            ports.add(device.map(d -> new VirtualPortStats(port.id(), at.id(),
                            EdgeTraffic.sent(d.flows(), cookie, at), EdgeTraffic.received(d.flows(), cookie, at),
                            Optional.of(d.polledAt())))
                    .orElseGet(() -> VirtualPortStats.notPolled(port.id(), at.id())));
        }
        return Optional.of(VirtualNetworkStats.of(id, ports));
    }
}

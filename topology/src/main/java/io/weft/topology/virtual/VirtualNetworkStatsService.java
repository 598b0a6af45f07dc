package io.weft.topology.virtual;

import java.util.Optional;

/**
 * The traffic of each virtual network's edge ports, computed from the switches' statistics of
 * the network's own flow rules. The virtual-network compiler's side implements it (it knows
 * which rules are a network's); until one runs, {@link #NONE} has no statistics for any network.
 */
@FunctionalInterface
public interface VirtualNetworkStatsService {
    VirtualNetworkStatsService NONE = network -> Optional.empty();

    /** The network's statistics now; empty for a network that does not exist, or where none are collected. */
    Optional<VirtualNetworkStats> stats(NetworkId network);
}

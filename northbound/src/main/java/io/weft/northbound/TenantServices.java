package io.weft.northbound;

import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualNetworkStatsService;
import io.weft.topology.virtual.VirtualRealizationService;
import java.util.Objects;

/**
 * What the tenant endpoints need: the tenant services, what the virtual-network compiler
 * says of how each virtual link is carried ({@link VirtualRealizationService#NONE} without one),
 * and each network's edge traffic ({@link VirtualNetworkStatsService#NONE} where no statistics
 * are collected).
 */
public record TenantServices(VirtualNetworkService networks, VirtualNetworkAdminService admin,
                             VirtualRealizationService realization, VirtualNetworkStatsService stats) {
    public TenantServices {
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(realization, "realization");
        Objects.requireNonNull(stats, "stats");
    }

    /** Without statistics. */
    public TenantServices(VirtualNetworkService networks, VirtualNetworkAdminService admin,
                          VirtualRealizationService realization) {
        this(networks, admin, realization, VirtualNetworkStatsService.NONE);
    }
}

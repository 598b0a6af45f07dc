package io.weft.northbound;

import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualRealizationService;
import java.util.Objects;

/**
 * What the tenant endpoints need: the tenant services, and what the virtual-network compiler
 * says of how each virtual link is carried ({@link VirtualRealizationService#NONE} without one).
 */
public record TenantServices(VirtualNetworkService networks, VirtualNetworkAdminService admin,
                             VirtualRealizationService realization) {
    public TenantServices {
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(realization, "realization");
    }
}

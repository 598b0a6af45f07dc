package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.Objects;

/**
 * Resolves a tenant and a network as the caller may see them: a tenant that does not exist and,
 * to a tenant's token, any other tenant are the same {@link ServiceException.Kind#NOT_FOUND},
 * message and all, so a tenant learns nothing of others. Admin-only operations on a tenant's own
 * resources are {@link ServiceException.Kind#FORBIDDEN} for its token, checked after, so that
 * they too reveal nothing of others.
 */
public final class Access {
    private final VirtualNetworkService networks;

    public Access(VirtualNetworkService networks) {
        this.networks = Objects.requireNonNull(networks, "networks");
    }

    /** The tenant, if the caller may see it. */
    public TenantId tenant(Principal who, TenantId id) {
        boolean foreign = who instanceof Principal.OfTenant caller && !caller.tenant().equals(id);
        if (foreign || networks.tenant(id).isEmpty()) {
            throw ServiceException.notFound("no tenant " + id);
        }
        return id;
    }

    /** The network, if the caller may see its tenant and it exists. */
    public VirtualNetwork network(Principal who, NetworkId id) {
        tenant(who, id.tenant());
        return networks.network(id).orElseThrow(() -> ServiceException.notFound("no network " + id.name()));
    }

    /** Refuses a tenant's token; {@code what} is the operation, e.g. "deleting a tenant". */
    public static void requireAdmin(Principal who, String what) {
        if (!who.isAdmin()) {
            throw ServiceException.forbidden(what + " is for the admin token only");
        }
    }
}

package io.weft.northbound.service;

import io.weft.topology.virtual.TenantId;
import java.util.Objects;

/** Who a request's bearer token says is asking: the admin, or one tenant. */
public sealed interface Principal {
    /** The admin token's holder: sees and changes everything, physical ids included. */
    record Admin() implements Principal {
    }

    /** A tenant's token holder: sees its own tenant only, and no physical ids. */
    record OfTenant(TenantId tenant) implements Principal {
        public OfTenant {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    Principal ADMIN = new Admin();

    default boolean isAdmin() {
        return this instanceof Admin;
    }
}

package io.weft.topology.virtual;

import java.util.Objects;

/** A virtual network's id: its tenant and the name the tenant gave it; two tenants may both have a {@code web}. */
public record NetworkId(TenantId tenant, String name) {
    public NetworkId {
        Objects.requireNonNull(tenant, "tenant");
        Names.check("a network id", name);
    }

    @Override
    public String toString() {
        return tenant + "/" + name;
    }
}

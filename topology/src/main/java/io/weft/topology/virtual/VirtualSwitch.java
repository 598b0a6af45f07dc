package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A virtual switch of a network: one of a custom network's own, or a big switch's only one,
 * named {@link VirtualPort#BIG_SWITCH}.
 */
public record VirtualSwitch(NetworkId network, String id) implements VirtualElement {
    public VirtualSwitch {
        Objects.requireNonNull(network, "network");
        Names.check("a virtual switch id", id);
    }

    @Override
    public TenantId tenant() {
        return network.tenant();
    }
}

package io.weft.topology.virtual;

import java.util.Objects;
import java.util.Optional;

/**
 * A port of a virtual switch (a big switch has one virtual switch, named {@code big}).
 *
 * @param attachment the tenant's attachment the port is bound to; empty for an internal port,
 *                   one end of a virtual link
 */
public record VirtualPort(NetworkId network, VirtualPortId id, Optional<String> attachment)
        implements VirtualElement {
    /** The name of a big-switch network's only virtual switch. */
    public static final String BIG_SWITCH = "big";

    public VirtualPort {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attachment, "attachment");
    }

    public boolean isEdge() {
        return attachment.isPresent();
    }

    @Override
    public TenantId tenant() {
        return network.tenant();
    }
}

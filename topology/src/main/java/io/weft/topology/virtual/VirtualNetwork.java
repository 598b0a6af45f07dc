package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A tenant's virtual network.
 *
 * @param kind {@link Kind#BIG_SWITCH}: the fabric looks like one switch whose ports are the
 *             network's attachments; {@link Kind#CUSTOM}: the tenant's own virtual switches and links
 * @param tag  the fabric tag that carries the network's traffic across the fabric (a VLAN id,
 *             1..4094), chosen by Weft, unique among networks
 */
public record VirtualNetwork(NetworkId id, Kind kind, int tag) {
    public enum Kind { BIG_SWITCH, CUSTOM }

    public VirtualNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (tag < 1 || tag > 4094) {
            throw new IllegalArgumentException("a fabric tag must be within 1..4094, got " + tag);
        }
    }
}

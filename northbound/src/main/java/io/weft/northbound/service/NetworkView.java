package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualNetwork;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A virtual network as the caller may see it.
 *
 * @param tag the fabric tag that carries it: the admin's only, empty for a tenant
 */
public record NetworkView(NetworkId id, VirtualNetwork.Kind kind, OptionalInt tag) {
    public NetworkView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tag, "tag");
    }

    /** A network as {@code who} may see it: its fabric tag for the admin only. */
    public static NetworkView of(VirtualNetwork network, Principal who) {
        return new NetworkView(network.id(), network.kind(),
                who.isAdmin() ? OptionalInt.of(network.tag()) : OptionalInt.empty());
    }
}

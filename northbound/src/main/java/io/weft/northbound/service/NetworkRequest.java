package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualNetwork;
import java.util.Objects;

/** A new network of a tenant: its name (read with {@link Ids#network}) and kind. */
public record NetworkRequest(String name, VirtualNetwork.Kind kind) {
    public NetworkRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}

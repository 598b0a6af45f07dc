package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualPortId;
import java.util.Objects;

/** The virtual port an attachment is bound to: which network of the tenant's, and which port of it. */
public record BoundPort(String network, VirtualPortId port) {
    public BoundPort {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(port, "port");
    }
}

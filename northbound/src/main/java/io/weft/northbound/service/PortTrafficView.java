package io.weft.northbound.service;

import io.weft.topology.virtual.Traffic;
import io.weft.topology.virtual.VirtualPortId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What crossed one edge port of a virtual network, as the caller may see it.
 *
 * @param physical where the port's attachment is on the fabric: the admin's only
 * @param polledAt when its switch was polled; empty when it was not, and then both counts are zero
 */
public record PortTrafficView(VirtualPortId port, String attachment, Optional<PhysicalPort> physical,
                              Optional<Instant> polledAt, Traffic sent, Traffic received) {
    public PortTrafficView {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(physical, "physical");
        Objects.requireNonNull(polledAt, "polledAt");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(received, "received");
    }
}

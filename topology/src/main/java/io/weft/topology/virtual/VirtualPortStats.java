package io.weft.topology.virtual;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What crossed one edge port of a virtual network, as counted by the network's flow rules on
 * the switch of the port's attachment, since they were installed.
 *
 * @param sent       what the tenant's hosts at the port sent into the network
 * @param received   what the network delivered to them out of the port
 * @param polledAt   when the switch's statistics were polled; empty when they have not been
 *                   (the switch is not connected, or not polled yet), and then both are zero
 */
public record VirtualPortStats(VirtualPortId port, String attachment, Traffic sent, Traffic received,
                               Optional<Instant> polledAt) {
    public VirtualPortStats {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(polledAt, "polledAt");
    }

    /** A port whose switch has no statistics to count from. */
    public static VirtualPortStats notPolled(VirtualPortId port, String attachment) {
        return new VirtualPortStats(port, attachment, Traffic.ZERO, Traffic.ZERO, Optional.empty());
    }
}

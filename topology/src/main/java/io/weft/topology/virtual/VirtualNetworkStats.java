package io.weft.topology.virtual;

import java.util.List;
import java.util.Objects;

/**
 * What a virtual network's edge ports sent and received, each and in total.
 *
 * @param ports    the network's edge ports, in port order
 * @param sent     the sum of what the ports sent
 * @param received the sum of what the ports received
 */
public record VirtualNetworkStats(NetworkId network, List<VirtualPortStats> ports, Traffic sent, Traffic received) {
    public VirtualNetworkStats {
        Objects.requireNonNull(network, "network");
        ports = List.copyOf(ports);
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(received, "received");
    }

    /** The network's statistics from its ports', with the totals summed. */
    public static VirtualNetworkStats of(NetworkId network, List<VirtualPortStats> ports) {
        Traffic sent = Traffic.ZERO;
        Traffic received = Traffic.ZERO;
        for (VirtualPortStats port : ports) {
            sent = sent.plus(port.sent());
            received = received.plus(port.received());
        }
        return new VirtualNetworkStats(network, ports, sent, received);
    }
}

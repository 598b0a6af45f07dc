package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualPortId;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/** A host declared at an edge port of a network: its MAC, its addresses, and where. */
public record HostRequest(MacAddress mac, Set<IpAddress> ips, Port port) {
    public HostRequest {
        Objects.requireNonNull(mac, "mac");
        ips = Set.copyOf(ips);
        Objects.requireNonNull(port, "port");
    }

    /** Where the host is: a port named with its switch, or on a big switch, by number alone. */
    public sealed interface Port {
    }

    /** A port named with its switch; any network. */
    public record OnSwitch(VirtualPortId port) implements Port {
        public OnSwitch {
            Objects.requireNonNull(port, "port");
        }
    }

    /**
     * A big switch's port by number; read only once the network is known to be a big switch, so
     * that in a custom network the answer is that the switch must be named.
     */
    public record OfBigSwitch(IntSupplier number) implements Port {
        public OfBigSwitch {
            Objects.requireNonNull(number, "number");
        }
    }
}

package io.weft.topology.virtual;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * A host in a virtual network, keyed by network and MAC (two networks may hold the same MAC).
 *
 * @param declared true when a tenant or admin declared it over the API; false when learned
 */
public record VirtualHost(NetworkId network, MacAddress mac, Set<IpAddress> ips, VirtualPortId port,
                          boolean declared) implements VirtualElement {
    public VirtualHost {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(port, "port");
        if (mac.isMulticast() || mac.isBroadcast() || mac.equals(MacAddress.ZERO)) {
            throw new IllegalArgumentException("a host's MAC must be a unicast address, got " + mac);
        }
        ips = Collections.unmodifiableSet(new TreeSet<>(ips));
    }

    @Override
    public TenantId tenant() {
        return network.tenant();
    }
}

package io.weft.topology.host;

import io.weft.topology.link.ConnectPoint;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.onlab.packet.IpAddress;

/**
 * An end station: its MAC and VLAN, the IP addresses it has used (sorted), where it
 * attaches, and when a packet of its was last seen.
 */
public record Host(HostKey key, Set<IpAddress> ips, ConnectPoint location, Instant lastSeen) {
    public Host {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(lastSeen, "lastSeen");
        ips = Collections.unmodifiableSet(new TreeSet<>(ips));
    }
}

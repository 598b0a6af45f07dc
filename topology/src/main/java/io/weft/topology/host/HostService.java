package io.weft.topology.host;

import io.weft.topology.event.EventListener;
import io.weft.topology.link.ConnectPoint;
import java.util.List;
import java.util.Optional;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/** Reads the hosts Weft has learned. */
public interface HostService {
    /** Every host, sorted by MAC then VLAN. */
    List<Host> hosts();

    Optional<Host> host(HostKey key);

    /** Hosts with this MAC, on any VLAN. */
    List<Host> hostsByMac(MacAddress mac);

    /** Hosts that have used this IP address. */
    List<Host> hostsByIp(IpAddress ip);

    /** Hosts attached at this port. */
    List<Host> hostsAt(ConnectPoint point);

    void addListener(EventListener<HostEvent> listener);
}

package io.weft.topology.virtual;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.onlab.packet.MacAddress;

/**
 * One network and everything in it, as read at one store revision; immutable. A big switch's
 * one switch is implied by the network's kind rather than stored.
 */
record NetworkState(VirtualNetwork network, SortedSet<String> switchIds, SortedMap<VirtualPortId, VirtualPort> ports,
                    SortedMap<String, VirtualLink> links, SortedMap<Long, VirtualHost> hosts) {
    NetworkState {
        switchIds = Collections.unmodifiableSortedSet(new TreeSet<>(network.kind() == VirtualNetwork.Kind.BIG_SWITCH
                ? Collections.singleton(VirtualPort.BIG_SWITCH) : switchIds));
        ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
        hosts = Collections.unmodifiableSortedMap(new TreeMap<>(hosts));
    }

    static NetworkState empty(VirtualNetwork network) {
        return new NetworkState(network, new TreeSet<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    NetworkId id() {
        return network.id();
    }

    boolean isBigSwitch() {
        return network.kind() == VirtualNetwork.Kind.BIG_SWITCH;
    }

    List<VirtualSwitch> switches() {
        return switchIds.stream().map(s -> new VirtualSwitch(id(), s)).toList();
    }

    boolean hasSwitch(String switchId) {
        return switchIds.contains(switchId);
    }

    List<VirtualPort> portsOf(String switchId) {
        return ports.values().stream().filter(p -> p.id().virtualSwitch().equals(switchId)).toList();
    }

    /** The lowest port number the switch does not use, if any is left. */
    Optional<Integer> freePortNumber(String switchId) {
        int next = 1;
        for (VirtualPort port : portsOf(switchId)) {
            if (port.id().port() != next) {
                break;
            }
            next++;
        }
        return next > VirtualPortId.MAX_PORT ? Optional.empty() : Optional.of(next);
    }

    Optional<VirtualPort> portBoundTo(String attachmentId) {
        return ports.values().stream().filter(p -> p.attachment().equals(Optional.of(attachmentId))).findFirst();
    }

    Optional<VirtualLink> linkAt(VirtualPortId port) {
        return links.values().stream().filter(l -> l.touches(port)).findFirst();
    }

    List<VirtualHost> hostsAt(VirtualPortId port) {
        return hosts.values().stream().filter(h -> h.port().equals(port)).toList();
    }

    Optional<VirtualHost> host(MacAddress mac) {
        return Optional.ofNullable(hosts.get(mac.toLong()));
    }
}

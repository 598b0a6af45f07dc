package io.weft.southbound.discovery;

import io.weft.metrics.Counters;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.topology.host.HostKey;
import io.weft.topology.host.HostProviderService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.TopologyService;
import java.util.Optional;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPacket;
import org.onlab.packet.IPv4;
import org.onlab.packet.IPv6;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * Learns hosts from the packets they send: MAC, VLAN, location and, from ARP, IPv4 and IPv6,
 * the IP address they send from. An observer: it never marks a packet handled, so the
 * forwarding apps after it still act on every packet.
 *
 * <p>Learns only at edge ports ({@link TopologyService#isEdge}): a packet that arrives over a
 * link between switches comes from a host somewhere else, and a port that has just come up may
 * still turn out to carry a link. Such packets are counted as {@code hosts.ignored.non_edge};
 * a source MAC no host can have (group or zero) as {@code hosts.ignored.bad_source}. A
 * multicast or broadcast source IP address is not learned ({@code hosts.ignored_ip.not_unicast}),
 * though the host still is.
 */
public final class HostLearner implements PacketProcessor {
    private static final IpAddress LIMITED_BROADCAST = Ip4Address.valueOf("255.255.255.255");

    private final TopologyService topology;
    private final HostProviderService hosts;
    private final Counters counters;

    public HostLearner(TopologyService topology, HostProviderService hosts, Counters counters) {
        this.topology = topology;
        this.hosts = hosts;
        this.counters = counters;
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.packet();
        Ethernet frame = in.parsed();
        int etherType = frame.getEtherType() & 0xffff;
        if (etherType == LldpProbe.ETHERTYPE_LLDP || etherType == LldpProbe.ETHERTYPE_BDDP) {
            return;
        }
        ConnectPoint location = in.receivedAt();
        if (!topology.isEdge(location)) {
            counters.increment("hosts.ignored.non_edge");
            return;
        }
        MacAddress mac = frame.getSourceMAC();
        // onlab's isMulticast() is false for the broadcast address, hence both.
        if (mac == null || mac.isBroadcast() || mac.isMulticast() || mac.equals(MacAddress.ZERO)) {
            counters.increment("hosts.ignored.bad_source");
            return;
        }
        hosts.hostSeen(new HostKey(mac, in.vlan()), location, sourceIp(frame.getPayload()));
    }

    /**
     * The address the host sends from, if the packet says. The unspecified address is what
     * hosts send from before they have one (ARP probes, DHCP, duplicate address detection), so
     * it says nothing about the host.
     */
    private Optional<IpAddress> sourceIp(IPacket payload) {
        if (payload instanceof ARP arp) {
            byte[] sender = arp.getSenderProtocolAddress();
            if (arp.getProtocolType() == ARP.PROTO_TYPE_IP && sender != null
                    && sender.length == Ip4Address.BYTE_LENGTH) {
                return specified(Ip4Address.valueOf(sender));
            }
        } else if (payload instanceof IPv4 ipv4) {
            return specified(ipv4.getSourceAddress());
        } else if (payload instanceof IPv6 ipv6 && ipv6.getSourceAddress() != null
                && ipv6.getSourceAddress().length == Ip6Address.BYTE_LENGTH) {
            return specified(Ip6Address.valueOf(ipv6.getSourceAddress()));
        }
        return Optional.empty();
    }

    /** As {@link #specified(IpAddress)}, on the address as a number: most packets are IPv4, and this is cheaper. */
    private Optional<IpAddress> specified(int ipv4) {
        if (ipv4 == 0) {
            return Optional.empty();
        }
        if (ipv4 >>> 28 == 0xe || ipv4 == -1) {
            counters.increment("hosts.ignored_ip.not_unicast");
            return Optional.empty();
        }
        return Optional.of(Ip4Address.valueOf(ipv4));
    }

    private Optional<IpAddress> specified(IpAddress ip) {
        if (ip.isZero()) {
            return Optional.empty();
        }
        if (ip.isMulticast() || ip.equals(LIMITED_BROADCAST)) {
            // No host sends from a group address; learning it would let one claim the group.
            counters.increment("hosts.ignored_ip.not_unicast");
            return Optional.empty();
        }
        return Optional.of(ip);
    }
}

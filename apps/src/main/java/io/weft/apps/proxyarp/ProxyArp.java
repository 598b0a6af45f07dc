package io.weft.apps.proxyarp;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.TopologyService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * Answers ARP requests for known hosts from the controller, out of the port the request came
 * in on, instead of flooding them. Only requests straight from a host (at an edge port) are
 * answered: a copy that reached another switch along the broadcast tree was already answered
 * where it entered. Requests for unknown addresses, and gratuitous ARP, are left to forwarding.
 */
public final class ProxyArp implements PacketProcessor {
    private final TopologyService topology;
    private final HostService hosts;
    private final PacketService packets;
    private final Counters counters;

    public ProxyArp(TopologyService topology, HostService hosts, PacketService packets, Counters counters) {
        this.topology = topology;
        this.hosts = hosts;
        this.packets = packets;
        this.counters = counters;
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.packet();
        Ethernet frame = in.parsed();
        if (context.isHandled() || frame.getEtherType() != Ethernet.TYPE_ARP
                || !(frame.getPayload() instanceof ARP arp) || arp.getOpCode() != ARP.OP_REQUEST
                || arp.getProtocolType() != ARP.PROTO_TYPE_IP
                || arp.getTargetProtocolAddress().length != Ip4Address.BYTE_LENGTH) {
            return;
        }
        ConnectPoint at = in.receivedAt();
        Ip4Address target = Ip4Address.valueOf(arp.getTargetProtocolAddress());
        if (!topology.isEdge(at) || target.equals(Ip4Address.valueOf(arp.getSenderProtocolAddress()))) {
            return;
        }
        VlanId vlan = in.vlan();
        Optional<Host> owner = hosts.hostsByIp(target).stream().filter(h -> h.key().vlan().equals(vlan))
                .max(Comparator.comparing(Host::lastSeen));
        if (owner.isEmpty()) {
            counters.increment("proxy_arp.unknown_target");
            return;
        }
        Ethernet reply = ARP.buildArpReply(target, owner.get().key().mac(), frame);
        context.markHandled();
        counters.increment("proxy_arp.replied");
        packets.emit(new OutboundPacket(in.device(), PortNumber.CONTROLLER, List.of(Action.output(in.inPort())),
                reply.serialize(), OptionalInt.empty()));
    }
}

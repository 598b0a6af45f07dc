package io.weft.apps.vnet;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualPortId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * The controller's side of virtual networks: every packet-in from a network's attachment is
 * handled here and never reaches default forwarding. ARP requests for a known host the sender
 * reaches are answered; ARP senders are learned; anything else (unknown targets, and the
 * broadcasts of parts the compiler floods through the controller) is copied out of the other
 * attachments the sender reaches, each with its own VLAN. A frame carrying a network's fabric
 * tag that did not come from one of that network's attachments is dropped, so no fabric-tagged
 * frame is ever forwarded by default forwarding onto the fabric, where the network's rules
 * would take it.
 *
 * <p>Runs before the forwarding apps and proxy ARP (a lower order), so those see these packets
 * only as handled.
 */
public final class VnetProxyArp implements PacketProcessor {
    private final VnetDirectory directory;
    private final Consumer<VirtualHost> learner;
    private final PacketService packets;
    private final Counters counters;

    /** @param learner told of a host seen at an attachment, as a learned (not declared) host */
    public VnetProxyArp(VnetDirectory directory, Consumer<VirtualHost> learner, PacketService packets,
                        Counters counters) {
        this.directory = directory;
        this.learner = learner;
        this.packets = packets;
        this.counters = counters;
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.packet();
        Ethernet frame = in.parsed();
        short type = frame.getEtherType();
        if (context.isHandled() || type == Ethernet.TYPE_LLDP || type == Ethernet.TYPE_BSN) {
            return;
        }
        ConnectPoint at = in.receivedAt();
        VlanId vlan = in.vlan();
        Optional<NetworkSpec> network = directory.networkAt(at, vlan);
        if (network.isEmpty()) {
            if (!vlan.equals(VlanId.NONE) && directory.networkTagged(vlan.toShort()).isPresent()) {
                context.markHandled();
                counters.increment("vnet.dropped.fabric_tagged");
            }
            return;
        }
        context.markHandled();
        NetworkSpec spec = network.get();
        Optional<VirtualPortId> edge = spec.edges().entrySet().stream()
                .filter(e -> e.getValue().point().equals(at) && e.getValue().vlan().orElse(VlanId.NONE).equals(vlan))
                .map(Map.Entry::getKey).findFirst();
        if (edge.isEmpty()) {
            // A tagged frame on a port the network has whole: the tag is no one's.
            counters.increment("vnet.dropped.untaken_vlan");
            return;
        }
        VirtualReach reach = VirtualReach.of(spec);
        if (type == Ethernet.TYPE_ARP && frame.getPayload() instanceof ARP arp
                && arp.getProtocolType() == ARP.PROTO_TYPE_IP
                && arp.getSenderProtocolAddress().length == Ip4Address.BYTE_LENGTH
                && arp.getTargetProtocolAddress().length == Ip4Address.BYTE_LENGTH) {
            learn(spec, edge.get(), frame.getSourceMAC(), Ip4Address.valueOf(arp.getSenderProtocolAddress()));
            Ip4Address target = Ip4Address.valueOf(arp.getTargetProtocolAddress());
            if (arp.getOpCode() == ARP.OP_REQUEST && !target.equals(Ip4Address.valueOf(arp.getSenderProtocolAddress()))) {
                Optional<VirtualHost> owner = spec.hosts().stream()
                        .filter(h -> h.ips().contains(target) && reach.connected(edge.get(), h.port()))
                        .min((a, b) -> Boolean.compare(b.declared(), a.declared()));
                if (owner.isPresent()) {
                    counters.increment("vnet.arp.replied");
                    packets.emit(out(at, ARP.buildArpReply(target, owner.get().mac(), frame)));
                    return;
                }
            }
        }
        counters.increment("vnet.flooded");
        for (VirtualPortId other : reach.reachedFrom(edge.get())) {
            Attachment attachment = spec.edges().get(other);
            if (!other.equals(edge.get())) {
                packets.emit(out(attachment.point(), retagged(frame, attachment.vlan().orElse(VlanId.NONE))));
            }
        }
    }

    private void learn(NetworkSpec spec, VirtualPortId port, MacAddress mac, Ip4Address ip) {
        if (mac.isMulticast() || mac.equals(MacAddress.ZERO) || ip.equals(Ip4Address.valueOf(0))) {
            return;
        }
        Optional<VirtualHost> known = spec.hosts().stream().filter(h -> h.mac().equals(mac)).findFirst();
        if (known.isPresent() && known.get().declared()) {
            if (!known.get().port().equals(port)) {
                // Declared hosts are the tenant's word; one seen elsewhere is not moved by a packet.
                counters.increment("vnet.arp.declared_elsewhere");
            }
            return;
        }
        if (known.isPresent() && known.get().port().equals(port) && known.get().ips().contains(ip)) {
            return;
        }
        counters.increment("vnet.arp.learned");
        learner.accept(new VirtualHost(spec.network().id(), mac, Set.<IpAddress>of(ip), port, false));
    }

    private static OutboundPacket out(ConnectPoint port, Ethernet frame) {
        return new OutboundPacket(port.device(), PortNumber.CONTROLLER,
                List.of(Action.output(port.port())), frame.serialize(), OptionalInt.empty());
    }

    /**
     * A copy of {@code frame} (which other processors share, so it stays as it is) as the
     * attachment expects it: tagged {@code vlan}, or untagged for NONE.
     */
    private static Ethernet retagged(Ethernet frame, VlanId vlan) {
        return frame.duplicate().setVlanID(vlan.equals(VlanId.NONE) ? Ethernet.VLAN_UNTAGGED : vlan.toShort());
    }
}

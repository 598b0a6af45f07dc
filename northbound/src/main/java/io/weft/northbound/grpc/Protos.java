package io.weft.northbound.grpc;

import io.weft.northbound.grpc.v1.Attachment;
import io.weft.northbound.grpc.v1.BoundPort;
import io.weft.northbound.grpc.v1.ConnectPoint;
import io.weft.northbound.grpc.v1.IssuedToken;
import io.weft.northbound.grpc.v1.Link;
import io.weft.northbound.grpc.v1.LinkState;
import io.weft.northbound.grpc.v1.Network;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.PhysicalPort;
import io.weft.northbound.grpc.v1.Tenant;
import io.weft.northbound.grpc.v1.VirtualHost;
import io.weft.northbound.grpc.v1.VirtualLink;
import io.weft.northbound.grpc.v1.VirtualPort;
import io.weft.northbound.grpc.v1.VirtualPortId;
import io.weft.northbound.grpc.v1.VirtualSwitch;
import io.weft.northbound.grpc.v1.VirtualTopology;
import io.weft.northbound.service.AttachmentView;
import io.weft.northbound.service.LinkView;
import io.weft.northbound.service.NetworkView;
import io.weft.northbound.service.PortView;
import io.weft.northbound.service.SwitchView;
import io.weft.northbound.service.TenantView;
import io.weft.northbound.service.TopologyView;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.VirtualNetwork;

/**
 * The messages of tenants and their networks. What each caller may see is the service layer's
 * decision (a tenant's views carry no physical field); this writes down whatever the view holds.
 */
final class Protos {
    private Protos() {
    }

    static Tenant tenant(TenantView tenant) {
        return Tenant.newBuilder().setId(tenant.id().value()).setTokens(tenant.tokens())
                .addAllAttachments(tenant.attachments()).addAllNetworks(tenant.networks()).build();
    }

    static IssuedToken issued(io.weft.topology.virtual.IssuedToken issued) {
        return IssuedToken.newBuilder().setTenant(issued.tenant().value()).setToken(issued.token()).build();
    }

    static Attachment attachment(AttachmentView attachment) {
        Attachment.Builder message = Attachment.newBuilder().setId(attachment.id());
        attachment.point().ifPresent(point -> message.setPoint(connectPoint(point)));
        attachment.vlan().ifPresent(vlan -> message.setVlan(vlan.toShort()));
        attachment.boundTo().ifPresent(port -> message.setBoundTo(BoundPort.newBuilder()
                .setNetwork(port.network()).setPort(portId(port.port()))));
        return message.build();
    }

    static ConnectPoint connectPoint(io.weft.topology.link.ConnectPoint point) {
        return ConnectPoint.newBuilder().setDevice(point.device().toString()).setPort((int) point.port().toLong())
                .build();
    }

    static Link link(io.weft.topology.link.Link link) {
        return Link.newBuilder().setSrc(connectPoint(link.src())).setDst(connectPoint(link.dst())).build();
    }

    static Network network(NetworkView network) {
        Network.Builder message = Network.newBuilder().setId(network.id().name()).setKind(kind(network.kind()));
        network.tag().ifPresent(message::setTag);
        return message.build();
    }

    static NetworkKind kind(VirtualNetwork.Kind kind) {
        return switch (kind) {
            case BIG_SWITCH -> NetworkKind.NETWORK_KIND_BIG_SWITCH;
            case CUSTOM -> NetworkKind.NETWORK_KIND_CUSTOM;
        };
    }

    static VirtualPortId portId(io.weft.topology.virtual.VirtualPortId id) {
        return VirtualPortId.newBuilder().setSwitch(id.virtualSwitch()).setPort(id.port()).build();
    }

    static VirtualPort port(PortView port) {
        VirtualPort.Builder message = VirtualPort.newBuilder().setId(portId(port.id()));
        port.attachment().ifPresent(message::setAttachment);
        port.physical().ifPresent(place -> {
            PhysicalPort.Builder physical = PhysicalPort.newBuilder().setPoint(connectPoint(place.point()));
            place.vlan().ifPresent(vlan -> physical.setVlan(vlan.toShort()));
            message.setPhysical(physical);
        });
        return message.build();
    }

    static VirtualSwitch virtualSwitch(SwitchView virtualSwitch) {
        return VirtualSwitch.newBuilder().setId(virtualSwitch.id())
                .addAllPorts(virtualSwitch.ports().stream().map(Protos::port).toList()).build();
    }

    static VirtualLink link(LinkView link) {
        VirtualLink.Builder message = VirtualLink.newBuilder().setId(link.id()).setSrc(portId(link.src()))
                .setDst(portId(link.dst())).setState(state(link.state()));
        link.path().ifPresent(path -> message.addAllPath(path.stream().map(Protos::link).toList()));
        return message.build();
    }

    private static LinkState state(LinkRealization.State state) {
        return switch (state) {
            case UP -> LinkState.LINK_STATE_UP;
            case DOWN -> LinkState.LINK_STATE_DOWN;
            case UNKNOWN -> LinkState.LINK_STATE_UNKNOWN;
        };
    }

    static VirtualHost host(io.weft.topology.virtual.VirtualHost host) {
        return VirtualHost.newBuilder().setMac(host.mac().toString())
                .addAllIps(host.ips().stream().map(Object::toString).toList())
                .setPort(portId(host.port())).setDeclared(host.declared()).build();
    }

    static VirtualTopology topology(TopologyView topology) {
        return VirtualTopology.newBuilder().setNetwork(network(topology.network()))
                .addAllSwitches(topology.switches().stream().map(Protos::virtualSwitch).toList())
                .addAllLinks(topology.links().stream().map(Protos::link).toList())
                .addAllHosts(topology.hosts().stream().map(Protos::host).toList()).build();
    }
}

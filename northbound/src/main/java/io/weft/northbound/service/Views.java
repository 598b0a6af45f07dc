package io.weft.northbound.service;

import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.Tenant;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualRealizationService;
import io.weft.topology.virtual.VirtualSwitch;
import java.util.Optional;

/**
 * What each caller sees of tenants and their networks. A tenant's token sees only virtual
 * things; the admin token sees, in the same views, what they are on the fabric: an attachment's
 * switch port, a network's fabric tag, a port's physical place, a link's physical path. Each
 * physical field is filled in one place here, behind {@link Principal#isAdmin()}.
 */
final class Views {
    private final VirtualNetworkService networks;
    private final VirtualRealizationService realization;

    Views(VirtualNetworkService networks, VirtualRealizationService realization) {
        this.networks = networks;
        this.realization = realization;
    }

    TenantView tenant(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.tokens(),
                networks.attachments(tenant.id()).stream().map(Attachment::id).toList(),
                networks.networks(tenant.id()).stream().map(n -> n.id().name()).toList());
    }

    AttachmentView attachment(Attachment attachment, Principal who) {
        return new AttachmentView(attachment.id(), who.isAdmin() ? Optional.of(attachment.point()) : Optional.empty(),
                attachment.vlan(), boundTo(attachment.tenant(), attachment.id())
                        .map(port -> new BoundPort(port.network().name(), port.id())));
    }

    private Optional<VirtualPort> boundTo(TenantId tenant, String attachmentId) {
        return networks.networks(tenant).stream().flatMap(n -> networks.ports(n.id()).stream())
                .filter(p -> p.attachment().equals(Optional.of(attachmentId))).findFirst();
    }

    static NetworkView network(VirtualNetwork network, Principal who) {
        return NetworkView.of(network, who);
    }

    PortView port(VirtualPort port, Principal who) {
        Optional<PhysicalPort> physical = port.attachment().flatMap(a -> physical(port.tenant(), a, who));
        return new PortView(port.id(), port.attachment(), physical);
    }

    /** Where the tenant's attachment is on the fabric, for the admin; empty for a tenant. */
    Optional<PhysicalPort> physical(TenantId tenant, String attachment, Principal who) {
        if (!who.isAdmin()) {
            return Optional.empty();
        }
        return networks.attachment(tenant, attachment).map(a -> new PhysicalPort(a.point(), a.vlan()));
    }

    SwitchView virtualSwitch(VirtualSwitch virtualSwitch, Principal who) {
        return new SwitchView(virtualSwitch.id(), networks.ports(virtualSwitch.network()).stream()
                .filter(p -> p.id().virtualSwitch().equals(virtualSwitch.id()))
                .map(p -> port(p, who)).toList());
    }

    LinkView link(VirtualLink link, Principal who) {
        LinkRealization realized = realization.link(link);
        return new LinkView(link.id(), link.src(), link.dst(), realized.state(),
                who.isAdmin() ? Optional.of(realized.path()) : Optional.empty());
    }

    TopologyView topology(VirtualNetwork network, Principal who) {
        NetworkId id = network.id();
        return new TopologyView(network(network, who),
                networks.switches(id).stream().map(s -> virtualSwitch(s, who)).toList(),
                networks.links(id).stream().map(l -> link(l, who)).toList(),
                networks.hosts(id));
    }
}

package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.Tenant;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualRealizationService;
import io.weft.topology.virtual.VirtualSwitch;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON of tenants and their networks. A tenant's token sees only virtual things; the admin
 * token sees, in the same objects, what they are on the fabric: an attachment's device and
 * port, a network's fabric tag, a port's physical place, a link's physical path. Each
 * physical field is added in one place here, behind {@link Principal#isAdmin()}.
 */
final class VirtualViews {
    private final VirtualNetworkService networks;
    private final VirtualRealizationService realization;

    VirtualViews(VirtualNetworkService networks, VirtualRealizationService realization) {
        this.networks = networks;
        this.realization = realization;
    }

    ObjectNode tenant(Tenant tenant) {
        ObjectNode node = Json.object();
        node.put("id", tenant.id().value());
        node.put("tokens", tenant.tokens());
        ArrayNode attachments = node.putArray("attachments");
        networks.attachments(tenant.id()).forEach(a -> attachments.add(a.id()));
        ArrayNode names = node.putArray("networks");
        networks.networks(tenant.id()).forEach(n -> names.add(n.id().name()));
        return node;
    }

    ObjectNode attachment(Attachment attachment, Principal who) {
        ObjectNode node = Json.object();
        node.put("id", attachment.id());
        if (who.isAdmin()) {
            node.put("device", attachment.point().device().toString());
            node.put("port", attachment.point().port().toLong());
        }
        attachment.vlan().ifPresent(v -> node.put("vlan", v.toShort()));
        boundTo(attachment.tenant(), attachment.id()).ifPresent(port -> {
            ObjectNode bound = portId(port.id());
            bound.put("network", port.network().name());
            node.set("boundTo", bound);
        });
        return node;
    }

    private Optional<VirtualPort> boundTo(TenantId tenant, String attachmentId) {
        return networks.networks(tenant).stream().flatMap(n -> networks.ports(n.id()).stream())
                .filter(p -> p.attachment().equals(Optional.of(attachmentId))).findFirst();
    }

    static ObjectNode network(VirtualNetwork network, Principal who) {
        ObjectNode node = Json.object();
        node.put("id", network.id().name());
        node.put("kind", network.kind().wireName());
        if (who.isAdmin()) {
            node.put("tag", network.tag());
        }
        return node;
    }

    static ObjectNode portId(VirtualPortId id) {
        ObjectNode node = Json.object();
        node.put("switch", id.virtualSwitch());
        node.put("port", id.port());
        return node;
    }

    ObjectNode port(VirtualPort port, Principal who) {
        ObjectNode node = portId(port.id());
        port.attachment().ifPresent(a -> {
            node.put("attachment", a);
            if (who.isAdmin()) {
                networks.attachment(port.tenant(), a).ifPresent(attachment -> {
                    ObjectNode physical = Json.connectPoint(attachment.point());
                    attachment.vlan().ifPresent(v -> physical.put("vlan", v.toShort()));
                    node.set("physical", physical);
                });
            }
        });
        return node;
    }

    ObjectNode virtualSwitch(VirtualSwitch virtualSwitch, Principal who) {
        ObjectNode node = Json.object();
        node.put("id", virtualSwitch.id());
        ArrayNode ports = node.putArray("ports");
        networks.ports(virtualSwitch.network()).stream()
                .filter(p -> p.id().virtualSwitch().equals(virtualSwitch.id()))
                .forEach(p -> ports.add(port(p, who)));
        return node;
    }

    ObjectNode link(VirtualLink link, Principal who) {
        ObjectNode node = Json.object();
        node.put("id", link.id());
        node.set("src", portId(link.src()));
        node.set("dst", portId(link.dst()));
        LinkRealization realized = realization.link(link);
        node.put("state", realized.state().name().toLowerCase(Locale.ROOT));
        if (who.isAdmin()) {
            node.set("path", Json.array(realized.path(), Json::link));
        }
        return node;
    }

    static ObjectNode host(VirtualHost host) {
        ObjectNode node = Json.object();
        node.put("mac", host.mac().toString());
        ArrayNode ips = node.putArray("ips");
        host.ips().forEach(ip -> ips.add(ip.toString()));
        node.set("port", portId(host.port()));
        node.put("declared", host.declared());
        return node;
    }

    /** The whole virtual network at once: its switches with their ports, its links, its hosts. */
    ObjectNode topology(VirtualNetwork network, Principal who) {
        NetworkId id = network.id();
        ObjectNode node = Json.object();
        node.set("network", network(network, who));
        node.set("switches", Json.array(networks.switches(id), s -> virtualSwitch(s, who)));
        node.set("links", Json.array(networks.links(id), l -> link(l, who)));
        node.set("hosts", Json.array(networks.hosts(id), VirtualViews::host));
        return node;
    }
}

package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.northbound.service.AttachmentView;
import io.weft.northbound.service.LinkView;
import io.weft.northbound.service.NetworkView;
import io.weft.northbound.service.PortView;
import io.weft.northbound.service.SwitchView;
import io.weft.northbound.service.TenantView;
import io.weft.northbound.service.TopologyView;
import io.weft.topology.virtual.IssuedToken;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualPortId;
import java.util.Locale;

/**
 * The JSON of tenants and their networks. What each caller may see is the service layer's
 * decision (a tenant's views carry no physical field); this writes down whatever the view holds.
 */
final class VirtualJson {
    private VirtualJson() {
    }

    static ObjectNode tenant(TenantView tenant) {
        ObjectNode node = Json.object();
        node.put("id", tenant.id().value());
        node.put("tokens", tenant.tokens());
        ArrayNode attachments = node.putArray("attachments");
        tenant.attachments().forEach(attachments::add);
        ArrayNode names = node.putArray("networks");
        tenant.networks().forEach(names::add);
        return node;
    }

    static ObjectNode issued(IssuedToken issued) {
        ObjectNode node = Json.object();
        node.put("id", issued.tenant().value());
        node.put("token", issued.token());
        return node;
    }

    static ObjectNode attachment(AttachmentView attachment) {
        ObjectNode node = Json.object();
        node.put("id", attachment.id());
        attachment.point().ifPresent(point -> {
            node.put("device", point.device().toString());
            node.put("port", point.port().toLong());
        });
        attachment.vlan().ifPresent(v -> node.put("vlan", v.toShort()));
        attachment.boundTo().ifPresent(port -> {
            ObjectNode bound = portId(port.port());
            bound.put("network", port.network());
            node.set("boundTo", bound);
        });
        return node;
    }

    static ObjectNode network(NetworkView network) {
        ObjectNode node = Json.object();
        node.put("id", network.id().name());
        node.put("kind", network.kind().wireName());
        network.tag().ifPresent(tag -> node.put("tag", tag));
        return node;
    }

    static ObjectNode portId(VirtualPortId id) {
        ObjectNode node = Json.object();
        node.put("switch", id.virtualSwitch());
        node.put("port", id.port());
        return node;
    }

    static ObjectNode port(PortView port) {
        ObjectNode node = portId(port.id());
        port.attachment().ifPresent(a -> node.put("attachment", a));
        port.physical().ifPresent(place -> {
            ObjectNode physical = Json.connectPoint(place.point());
            place.vlan().ifPresent(v -> physical.put("vlan", v.toShort()));
            node.set("physical", physical);
        });
        return node;
    }

    static ObjectNode virtualSwitch(SwitchView virtualSwitch) {
        ObjectNode node = Json.object();
        node.put("id", virtualSwitch.id());
        node.set("ports", Json.array(virtualSwitch.ports(), VirtualJson::port));
        return node;
    }

    static ObjectNode link(LinkView link) {
        ObjectNode node = Json.object();
        node.put("id", link.id());
        node.set("src", portId(link.src()));
        node.set("dst", portId(link.dst()));
        node.put("state", link.state().name().toLowerCase(Locale.ROOT));
        link.path().ifPresent(path -> node.set("path", Json.array(path, Json::link)));
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

    static ObjectNode topology(TopologyView topology) {
        ObjectNode node = Json.object();
        node.set("network", network(topology.network()));
        node.set("switches", Json.array(topology.switches(), VirtualJson::virtualSwitch));
        node.set("links", Json.array(topology.links(), VirtualJson::link));
        node.set("hosts", Json.array(topology.hosts(), VirtualJson::host));
        return node;
    }
}

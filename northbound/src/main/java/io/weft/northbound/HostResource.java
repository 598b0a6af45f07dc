package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Principal;
import io.weft.topology.host.Host;
import org.onlab.packet.VlanId;

/** {@code GET /api/v1/hosts}: learned hosts, where they attach and when they were last seen. */
final class HostResource {
    private final FabricService fabric;

    HostResource(FabricService fabric) {
        this.fabric = fabric;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("hosts", fabric.hosts(who), HostResource::view);
    }

    static ObjectNode view(Host host) {
        ObjectNode node = Json.object();
        node.put("mac", host.key().mac().toString());
        VlanId vlan = host.key().vlan();
        node.put("vlan", vlan.equals(VlanId.NONE) ? -1 : vlan.toShort());
        ArrayNode ips = node.putArray("ips");
        host.ips().forEach(ip -> ips.add(ip.toString()));
        node.set("location", Json.connectPoint(host.location()));
        node.put("lastSeen", host.lastSeen().toString());
        return node;
    }
}

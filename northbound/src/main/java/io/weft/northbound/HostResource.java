package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostService;
import org.onlab.packet.VlanId;

/** {@code GET /api/v1/hosts}: learned hosts, where they attach and when they were last seen. */
final class HostResource {
    private final HostService hosts;

    HostResource(HostService hosts) {
        this.hosts = hosts;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req) {
        return Json.list("hosts", hosts.hosts(), HostResource::view);
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

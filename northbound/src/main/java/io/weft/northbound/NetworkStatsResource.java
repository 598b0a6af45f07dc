package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Principal;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.Traffic;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualNetworkStatsService;
import io.weft.topology.virtual.VirtualPortStats;

/**
 * {@code GET /api/v1/tenants/{t}/networks/{n}/stats}: what each edge port of a network sent
 * into it and received from it, and the network's totals, for the admin or the tenant. The
 * tenant sees virtual ports and attachment ids only; the admin also sees each port's physical
 * place. A port whose switch was not polled says so and counts zero.
 */
final class NetworkStatsResource {
    private final VirtualNetworkService networks;
    private final VirtualNetworkStatsService stats;
    private final TenantAccess access;

    NetworkStatsResource(VirtualNetworkService networks, VirtualNetworkStatsService stats, TenantAccess access) {
        this.networks = networks;
        this.stats = stats;
        this.access = access;
    }

    HttpResponse get(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        // Where no statistics are collected, every edge port reads as not polled.
        VirtualNetworkStats network = stats.stats(id).orElseGet(() -> VirtualNetworkStats.of(id,
                networks.ports(id).stream().filter(p -> p.attachment().isPresent())
                        .map(p -> VirtualPortStats.notPolled(p.id(), p.attachment().get())).toList()));
        ObjectNode node = Json.object();
        node.put("network", id.name());
        node.set("sent", traffic(network.sent()));
        node.set("received", traffic(network.received()));
        node.set("ports", Json.array(network.ports(), port -> port(id, port, who)));
        return Json.ok(node);
    }

    private ObjectNode port(NetworkId network, VirtualPortStats port, Principal who) {
        ObjectNode node = VirtualJson.portId(port.port());
        node.put("attachment", port.attachment());
        if (who.isAdmin()) {
            networks.attachment(network.tenant(), port.attachment()).ifPresent(attachment -> {
                ObjectNode physical = Json.connectPoint(attachment.point());
                attachment.vlan().ifPresent(v -> physical.put("vlan", v.toShort()));
                node.set("physical", physical);
            });
        }
        node.put("polled", port.polledAt().isPresent());
        port.polledAt().ifPresent(at -> node.put("polledAt", at.toString()));
        node.set("sent", traffic(port.sent()));
        node.set("received", traffic(port.received()));
        return node;
    }

    private static ObjectNode traffic(Traffic traffic) {
        ObjectNode node = Json.object();
        node.put("packets", traffic.packets());
        node.put("bytes", traffic.bytes());
        return node;
    }
}

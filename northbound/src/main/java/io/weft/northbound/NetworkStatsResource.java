package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.NetworkStatsView;
import io.weft.northbound.service.PortTrafficView;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.StatsService;
import io.weft.topology.virtual.Traffic;

/**
 * {@code GET /api/v1/tenants/{t}/networks/{n}/stats}: what each edge port of a network sent
 * into it and received from it, and the network's totals, for the admin or the tenant. The
 * tenant sees virtual ports and attachment ids only; the admin also sees each port's physical
 * place. A port whose switch was not polled says so and counts zero.
 */
final class NetworkStatsResource {
    private final StatsService stats;
    private final TenantAccess access;

    NetworkStatsResource(StatsService stats, TenantAccess access) {
        this.stats = stats;
        this.access = access;
    }

    HttpResponse get(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkStatsView network = stats.network(who, Ids.network(access.tenant(ctx, who), ctx.pathParam("n")));
        ObjectNode node = Json.object();
        node.put("network", network.network().name());
        node.set("sent", traffic(network.sent()));
        node.set("received", traffic(network.received()));
        node.set("ports", Json.array(network.ports(), NetworkStatsResource::port));
        return Json.ok(node);
    }

    private static ObjectNode port(PortTrafficView port) {
        ObjectNode node = VirtualJson.portId(port.port());
        node.put("attachment", port.attachment());
        port.physical().ifPresent(place -> {
            ObjectNode physical = Json.connectPoint(place.point());
            place.vlan().ifPresent(v -> physical.put("vlan", v.toShort()));
            node.set("physical", physical);
        });
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

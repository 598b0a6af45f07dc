package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.DeviceStatsView;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;

/**
 * {@code GET /api/v1/devices/{id}/stats}: the latest statistics polled from a device, its ports
 * and tables, and when they were polled. A device not polled (yet, or any more) answers
 * {@code "polled": false} with a message saying why, and empty lists.
 */
final class DeviceStatsResource {
    private final FabricService fabric;

    DeviceStatsResource(FabricService fabric) {
        this.fabric = fabric;
    }

    HttpResponse get(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        DeviceStatsView stats = fabric.stats(who, Ids.device(ctx.pathParam("id")));
        ObjectNode node = Json.object();
        node.put("device", stats.device().toString());
        node.put("polled", stats.polled());
        if (!stats.polled()) {
            node.put("message", stats.notPolled().orElseThrow());
            node.putArray("ports");
            node.putArray("tables");
            return Json.ok(node);
        }
        node.put("polledAt", stats.polledAt().orElseThrow().toString());
        node.set("ports", Json.array(stats.ports(), DeviceStatsResource::port));
        node.set("tables", Json.array(stats.tables(), DeviceStatsResource::table));
        node.put("flowCount", stats.flowCount());
        node.put("inexpressibleFlows", stats.inexpressibleFlows());
        return Json.ok(node);
    }

    private static ObjectNode port(PortStats port) {
        ObjectNode node = Json.object();
        node.put("port", port.port().toLong());
        node.put("rxPackets", port.rxPackets());
        node.put("txPackets", port.txPackets());
        node.put("rxBytes", port.rxBytes());
        node.put("txBytes", port.txBytes());
        node.put("rxDropped", port.rxDropped());
        node.put("txDropped", port.txDropped());
        node.put("rxErrors", port.rxErrors());
        node.put("txErrors", port.txErrors());
        return node;
    }

    private static ObjectNode table(TableStats table) {
        ObjectNode node = Json.object();
        node.put("table", table.table());
        node.put("activeEntries", table.activeEntries());
        node.put("lookups", table.lookups());
        node.put("matches", table.matches());
        return node;
    }
}

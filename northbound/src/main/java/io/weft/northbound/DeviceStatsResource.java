package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.LatestStats;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;
import io.weft.topology.device.Device;
import java.util.Optional;

/**
 * {@code GET /api/v1/devices/{id}/stats}: the latest statistics polled from a device, its ports
 * and tables, and when they were polled. A device not polled (yet, or any more) answers
 * {@code "polled": false} with a message saying why, and empty lists.
 */
final class DeviceStatsResource {
    private final FabricService fabric;
    private final LatestStats stats;

    DeviceStatsResource(FabricService fabric, LatestStats stats) {
        this.fabric = fabric;
        this.stats = stats;
    }

    HttpResponse get(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        Device device = fabric.device(who, Ids.device(ctx.pathParam("id")));
        Optional<DeviceStats> latest = stats.latest(device.id());
        ObjectNode node = Json.object();
        node.put("device", device.id().toString());
        node.put("polled", latest.isPresent());
        if (latest.isEmpty()) {
            node.put("message", device.available()
                    ? "not polled yet: statistics appear once the first poll since the device connected completes"
                    : "the device is not connected: statistics are kept only for connected devices");
            node.putArray("ports");
            node.putArray("tables");
            return Json.ok(node);
        }
        DeviceStats polled = latest.get();
        node.put("polledAt", polled.polledAt().toString());
        node.set("ports", Json.array(polled.ports(), DeviceStatsResource::port));
        node.set("tables", Json.array(polled.tables(), DeviceStatsResource::table));
        node.put("flowCount", polled.flows().size());
        node.put("inexpressibleFlows", polled.inexpressibleFlows());
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

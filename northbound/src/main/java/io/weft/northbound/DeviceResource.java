package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.Port;

/** {@code GET /api/v1/devices} and {@code GET /api/v1/devices/{id}}: switches, connected or not, and their ports. */
final class DeviceResource {
    private final FabricService fabric;

    DeviceResource(FabricService fabric) {
        this.fabric = fabric;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("devices", fabric.devices(who), DeviceResource::view);
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(view(fabric.device(who, Ids.device(ctx.pathParam("id")))));
    }

    static ObjectNode view(Device device) {
        DeviceDescription d = device.description();
        ObjectNode node = Json.object();
        node.put("id", device.id().toString());
        node.put("available", device.available());
        node.put("protocol", d.protocol());
        node.put("manufacturer", d.manufacturer());
        node.put("hardware", d.hardware());
        node.put("software", d.software());
        node.put("serial", d.serial());
        node.set("ports", Json.array(device.ports(), DeviceResource::port));
        return node;
    }

    static ObjectNode port(Port port) {
        ObjectNode node = Json.object();
        node.put("port", port.number().toLong());
        node.put("name", port.name());
        node.put("up", port.up());
        node.put("mac", port.mac().toString());
        node.put("speedMbps", port.speedMbps());
        return node;
    }
}

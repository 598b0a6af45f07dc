package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceService;
import io.weft.topology.device.Port;
import org.onosproject.net.DeviceId;

/** {@code GET /api/v1/devices} and {@code GET /api/v1/devices/{id}}: switches, connected or not, and their ports. */
final class DeviceResource {
    private final DeviceService devices;

    DeviceResource(DeviceService devices) {
        this.devices = devices;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req) {
        return Json.list("devices", devices.devices(), DeviceResource::view);
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req) {
        return Json.ok(view(require(devices, Ids.device(ctx.pathParam("id")))));
    }

    /** The device, or a 404 naming it. */
    static Device require(DeviceService devices, DeviceId id) {
        return devices.device(id).orElseThrow(() -> ApiException.notFound("no device " + id));
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

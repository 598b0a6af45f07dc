package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.device.DeviceService;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostService;
import io.weft.topology.path.Path;
import io.weft.topology.path.TopologyService;
import java.util.List;
import java.util.Optional;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/**
 * {@code GET /api/v1/paths/{src}/{dst}}: the shortest path between two devices, or between
 * the devices two hosts attach to (with the hosts' edge ports). An empty list when the two
 * are not connected; 404 when either is unknown.
 */
final class PathResource {
    private final DeviceService devices;
    private final HostService hosts;
    private final TopologyService topology;

    PathResource(DeviceService devices, HostService hosts, TopologyService topology) {
        this.devices = devices;
        this.hosts = hosts;
        this.topology = topology;
    }

    HttpResponse find(ServiceRequestContext ctx, HttpRequest req) {
        String src = ctx.pathParam("src");
        String dst = ctx.pathParam("dst");
        if (Ids.looksLikeDevice(src) && Ids.looksLikeDevice(dst)) {
            return betweenDevices(Ids.device(src), Ids.device(dst));
        }
        if (Ids.looksLikeMac(src) && Ids.looksLikeMac(dst)) {
            return betweenHosts(Ids.mac(src), Ids.mac(dst));
        }
        boolean srcValid = Ids.looksLikeDevice(src) || Ids.looksLikeMac(src);
        boolean dstValid = Ids.looksLikeDevice(dst) || Ids.looksLikeMac(dst);
        if (srcValid && dstValid) {
            throw ApiException.badRequest("src and dst must both be device ids or both host MACs, got "
                    + ApiException.echo(src) + " and " + ApiException.echo(dst));
        }
        throw ApiException.badRequest("malformed " + (srcValid ? "dst " + ApiException.echo(dst)
                : "src " + ApiException.echo(src)) + ": expected a device id (of: and 16 hex digits)"
                + " or a host MAC (00:00:00:00:00:01)");
    }

    private HttpResponse betweenDevices(DeviceId src, DeviceId dst) {
        DeviceResource.require(devices, src);
        DeviceResource.require(devices, dst);
        return Json.list("paths", topology.path(src, dst).stream().toList(), path -> {
            ObjectNode node = Json.object();
            node.put("src", src.toString());
            node.put("dst", dst.toString());
            return withLinks(node, path);
        });
    }

    private HttpResponse betweenHosts(MacAddress srcMac, MacAddress dstMac) {
        Host src = host(srcMac);
        Host dst = host(dstMac);
        Optional<Path> path = topology.path(src.location().device(), dst.location().device());
        return Json.list("paths", path.stream().toList(), p -> {
            ObjectNode node = Json.object();
            node.put("src", srcMac.toString());
            node.put("dst", dstMac.toString());
            node.set("srcEdge", Json.connectPoint(src.location()));
            node.set("dstEdge", Json.connectPoint(dst.location()));
            return withLinks(node, p);
        });
    }

    /**
     * The host with this MAC. A MAC seen on several VLANs is several hosts; the untagged one,
     * or else the lowest VLAN, stands for it (hosts come sorted by MAC, then VLAN).
     */
    private Host host(MacAddress mac) {
        List<Host> found = hosts.hostsByMac(mac);
        if (found.isEmpty()) {
            throw ApiException.notFound("no host " + mac);
        }
        return found.get(0);
    }

    private static ObjectNode withLinks(ObjectNode node, Path path) {
        node.put("cost", path.cost());
        node.set("links", Json.array(path.links(), Json::link));
        return node;
    }
}

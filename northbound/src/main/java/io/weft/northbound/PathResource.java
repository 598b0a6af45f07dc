package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.PathView;
import io.weft.northbound.service.Principal;

/**
 * {@code GET /api/v1/paths/{src}/{dst}}: the shortest path between two devices, or between
 * the devices two hosts attach to (with the hosts' edge ports). An empty list when the two
 * are not connected; 404 when either is unknown.
 */
final class PathResource {
    private final FabricService fabric;

    PathResource(FabricService fabric) {
        this.fabric = fabric;
    }

    HttpResponse find(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("paths", fabric.paths(who, ctx.pathParam("src"), ctx.pathParam("dst")), PathResource::view);
    }

    private static ObjectNode view(PathView path) {
        ObjectNode node = Json.object();
        node.put("src", path.src());
        node.put("dst", path.dst());
        path.srcEdge().ifPresent(edge -> node.set("srcEdge", Json.connectPoint(edge)));
        path.dstEdge().ifPresent(edge -> node.set("dstEdge", Json.connectPoint(edge)));
        node.put("cost", path.path().cost());
        node.set("links", Json.array(path.path().links(), Json::link));
        return node;
    }
}

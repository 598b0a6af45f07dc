package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPortId;
import java.util.Set;

/**
 * A custom network's virtual links, {@code .../networks/{n}/links[/{link}]}, for the admin or the
 * tenant. A link is named by its ends, {@code vs1:3-vs2:1}, in either order.
 */
final class VirtualLinkResource {
    private static final Set<String> END = Set.of("switch", "port");

    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final TenantAccess access;
    private final VirtualViews views;

    VirtualLinkResource(VirtualNetworkService networks, VirtualNetworkAdminService admin, TenantAccess access,
                        VirtualViews views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.list("links", networks.links(id), l -> views.link(l, who));
    }

    HttpResponse add(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("src", "dst"), body -> Json.created(views.link(
                admin.addLink(id, end(body.object("src", END)), end(body.object("dst", END))), who)));
    }

    static VirtualPortId end(JsonBody end) {
        return new VirtualPortId(end.string("switch", Ids::virtualSwitch),
                (int) end.integer("port", 1, VirtualPortId.MAX_PORT));
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.link(require(ctx, who), who));
    }

    HttpResponse remove(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualLink link = require(ctx, who);
        return TenantAccess.change(ctx, () -> {
            admin.removeLink(link.network(), link.src(), link.dst());
            return Json.deleted();
        });
    }

    private VirtualLink require(ServiceRequestContext ctx, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        VirtualPortId[] ends = Ids.link(ctx.pathParam("link"));
        return networks.links(id).stream().filter(l -> l.joins(ends[0], ends[1])).findFirst()
                .orElseThrow(() -> ApiException.notFound("no link " + ends[0] + "-" + ends[1] + " in network "
                        + id.name()));
    }
}

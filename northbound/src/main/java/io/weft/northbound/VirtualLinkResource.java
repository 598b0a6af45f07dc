package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.LinkEnds;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.VirtualLinkService;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualPortId;
import java.util.Set;

/**
 * A custom network's virtual links, {@code .../networks/{n}/links[/{link}]}, over
 * {@link VirtualLinkService}. A link is named by its ends, {@code vs1:3-vs2:1}, in either order.
 */
final class VirtualLinkResource {
    private static final Set<String> END = Set.of("switch", "port");

    private final VirtualLinkService links;
    private final TenantAccess access;

    VirtualLinkResource(VirtualLinkService links, TenantAccess access) {
        this.links = links;
        this.access = access;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("links", links.links(who, access.networkId(ctx, who)), VirtualJson::link);
    }

    HttpResponse add(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("src", "dst"), body -> Json.created(VirtualJson.link(
                links.addLink(who, id, () -> {
                    JsonBody ends = body.get();
                    return new LinkEnds(end(ends.object("src", END)), end(ends.object("dst", END)));
                }))));
    }

    /** {@code {"switch": .., "port": ..}}: a virtual port named with its switch. */
    static VirtualPortId end(JsonBody end) {
        return new VirtualPortId(end.string("switch", Ids::virtualSwitch), (int) end.integer("port", Ids.VIRTUAL_PORT));
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.ok(VirtualJson.link(links.link(who, id, Ids.link(ctx.pathParam("link")))));
    }

    HttpResponse remove(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        LinkEnds ends = Ids.link(ctx.pathParam("link"));
        return TenantAccess.change(ctx, () -> {
            links.removeLink(who, id, ends);
            return Json.deleted();
        });
    }
}

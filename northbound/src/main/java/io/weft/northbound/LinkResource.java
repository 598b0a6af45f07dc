package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Principal;

/** {@code GET /api/v1/links}: every discovered link; the two directions of a cable are two links. */
final class LinkResource {
    private final FabricService fabric;

    LinkResource(FabricService fabric) {
        this.fabric = fabric;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("links", fabric.links(who), Json::link);
    }
}

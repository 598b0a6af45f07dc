package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.link.LinkService;

/** {@code GET /api/v1/links}: every discovered link; the two directions of a cable are two links. */
final class LinkResource {
    private final LinkService links;

    LinkResource(LinkService links) {
        this.links = links;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req) {
        return Json.list("links", links.links(), Json::link);
    }
}

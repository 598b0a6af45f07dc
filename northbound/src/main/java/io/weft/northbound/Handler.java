package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Principal;

/** A route's handler, given who is asking (already authenticated). */
@FunctionalInterface
interface Handler {
    HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, Principal who) throws Exception;
}

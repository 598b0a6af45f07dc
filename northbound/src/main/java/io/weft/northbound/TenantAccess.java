package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Access;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tenant and network a request's path names, resolved as the caller may see them
 * ({@link Access}) as soon as the path is read, before the rest of the path and the body: so a
 * request on another tenant's resources is a 404 whatever else it says. The services check
 * again; this only makes the REST answers come in path order.
 *
 * <p>Changes commit to the store, which may wait for the disk; they run on Armeria's blocking
 * executor, never on an event loop. The checks here read memory and run before.
 */
final class TenantAccess {
    private final Access access;

    TenantAccess(Access access) {
        this.access = access;
    }

    TenantId tenant(ServiceRequestContext ctx, Principal who) {
        return access.tenant(who, Ids.tenant(ctx.pathParam("t")));
    }

    NetworkId networkId(ServiceRequestContext ctx, Principal who) {
        return network(ctx, who).id();
    }

    VirtualNetwork network(ServiceRequestContext ctx, Principal who) {
        return access.network(who, Ids.network(tenant(ctx, who), ctx.pathParam("n")));
    }

    /**
     * Runs the change on the blocking executor, with the body read lazily (only {@code fields}):
     * the service reads it once the caller is known to be allowed to make the change.
     */
    static HttpResponse change(ServiceRequestContext ctx, HttpRequest req, Set<String> fields,
                               Function<Supplier<JsonBody>, HttpResponse> change) {
        return HttpResponse.of(req.aggregate().thenApplyAsync(body -> change.apply(
                () -> JsonBody.parse(body.contentUtf8(), fields)), ctx.blockingTaskExecutor()));
    }

    /** Runs a change that takes no body (a delete) on the blocking executor. */
    static HttpResponse change(ServiceRequestContext ctx, Supplier<HttpResponse> change) {
        return HttpResponse.of(change, ctx.blockingTaskExecutor());
    }
}

package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resolves the tenant and network a request's path names, as the caller may see them: a tenant
 * that does not exist and, to a tenant's token, any other tenant are the same 404, message and
 * all, so a tenant learns nothing of others. Admin-only operations on a tenant's own resources
 * are 403 for its token, checked after the 404 so that they too reveal nothing of others.
 *
 * <p>Changes commit to the store, which may wait for the disk; they run on Armeria's blocking
 * executor, never on an event loop. The checks here read memory and run before.
 */
final class TenantAccess {
    private final VirtualNetworkService networks;

    TenantAccess(VirtualNetworkService networks) {
        this.networks = networks;
    }

    TenantId tenant(ServiceRequestContext ctx, Principal who) {
        TenantId id = Ids.tenant(ctx.pathParam("t"));
        boolean foreign = who instanceof Principal.OfTenant caller && !caller.tenant().equals(id);
        if (foreign || networks.tenant(id).isEmpty()) {
            throw ApiException.notFound("no tenant " + id);
        }
        return id;
    }

    NetworkId networkId(ServiceRequestContext ctx, Principal who) {
        return network(ctx, who).id();
    }

    VirtualNetwork network(ServiceRequestContext ctx, Principal who) {
        NetworkId id = Ids.network(tenant(ctx, who), ctx.pathParam("n"));
        return networks.network(id).orElseThrow(() -> ApiException.notFound("no network " + id.name()));
    }

    static void requireAdmin(Principal who, String what) {
        if (!who.isAdmin()) {
            throw ApiException.forbidden(what + " is for the admin token only");
        }
    }

    /** Reads the body (only {@code fields}) and runs the change on the blocking executor. */
    static HttpResponse change(ServiceRequestContext ctx, HttpRequest req, Set<String> fields,
                               Function<JsonBody, HttpResponse> change) {
        return HttpResponse.of(req.aggregate().thenApplyAsync(body -> change.apply(
                JsonBody.parse(body.contentUtf8(), fields)), ctx.blockingTaskExecutor()));
    }

    /** Runs a change that takes no body (a delete) on the blocking executor. */
    static HttpResponse change(ServiceRequestContext ctx, Supplier<HttpResponse> change) {
        return HttpResponse.of(change, ctx.blockingTaskExecutor());
    }
}

package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Authenticator;
import io.weft.northbound.service.Principal;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, where the token is the
 * admin token or one of a tenant's ({@link Authenticator}); otherwise it fails with 401
 * ({@code api.refused.unauthorized}). Applies to every route, unknown ones included, except the
 * public ones named at construction, so that nothing but those answers anonymously. What each
 * kind of caller may do is the routes' business ({@link Principal}); this only says who is asking.
 */
final class BearerAuth implements DecoratingHttpServiceFunction {
    private final Authenticator authenticator;
    private final Set<String> publicPaths;

    BearerAuth(Authenticator authenticator, Set<String> publicPaths) {
        this.authenticator = authenticator;
        this.publicPaths = Set.copyOf(publicPaths);
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (!isPublic(ctx.config().route())) {
            principal(req);
        }
        return delegate.serve(ctx, req);
    }

    /**
     * A request that routed to a public service. Requests Armeria could not route (unknown path,
     * wrong method) reach the fallback route, which is never public.
     */
    private boolean isPublic(Route route) {
        return !route.isFallback() && publicPaths.contains(route.patternString());
    }

    /** Who the request's token belongs to; a 401 when there is no token or it is no one's. */
    Principal principal(HttpRequest req) {
        return authenticator.principal(req.headers().get(HttpHeaderNames.AUTHORIZATION));
    }
}

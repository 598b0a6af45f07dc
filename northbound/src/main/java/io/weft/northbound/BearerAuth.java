package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.virtual.VirtualNetworkService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, where the token is the
 * admin token or one of a tenant's; otherwise it fails with 401 ({@code api.refused.unauthorized}).
 * Applies to every route, unknown ones included, except the public ones named at construction,
 * so that nothing but those answers anonymously. What each kind of caller may do is the
 * routes' business ({@link Principal}); this only says who is asking.
 *
 * <p>The admin token is compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant
 * time, and the digests have the same length whatever was presented, so neither the content
 * nor the length of the token leaks through timing. A tenant's token is found by its SHA-256
 * hash in a map; the time that takes depends on the hash, which tells nothing of any token.
 */
final class BearerAuth implements DecoratingHttpServiceFunction {
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;
    private final VirtualNetworkService tenants;
    private final Set<String> publicPaths;

    BearerAuth(String adminToken, VirtualNetworkService tenants, Set<String> publicPaths) {
        this.expected = sha256(ApiConfig.checkToken(adminToken));
        this.tenants = tenants;
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
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null) {
            throw ApiException.unauthorized("this request needs a token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized("only bearer tokens are accepted: Authorization: Bearer <token>");
        }
        String token = authorization.substring(SCHEME.length()).strip();
        if (MessageDigest.isEqual(expected, sha256(token))) {
            return Principal.ADMIN;
        }
        Optional<Principal> tenant = token.isEmpty() ? Optional.empty()
                : tenants.tenantOfToken(token).map(Principal.OfTenant::new);
        return tenant.orElseThrow(() -> ApiException.unauthorized(
                "the bearer token is neither the admin token nor a tenant's (it may have been revoked)"));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

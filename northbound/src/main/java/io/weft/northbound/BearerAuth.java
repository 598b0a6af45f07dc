package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin token>}; otherwise it
 * fails with 401 ({@code api.refused.unauthorized}). Applies to every route, unknown ones
 * included, except the public ones named at construction, so that nothing but those answers
 * anonymously.
 *
 * <p>The token is compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant
 * time, and the digests have the same length whatever was presented, so neither the content
 * nor the length of the token leaks through timing.
 */
final class BearerAuth implements DecoratingHttpServiceFunction {
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;
    private final Set<String> publicPaths;

    BearerAuth(String adminToken, Set<String> publicPaths) {
        this.expected = sha256(ApiConfig.checkToken(adminToken));
        this.publicPaths = Set.copyOf(publicPaths);
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (!isPublic(ctx.config().route())) {
            check(req.headers().get(HttpHeaderNames.AUTHORIZATION));
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

    private void check(String authorization) {
        if (authorization == null) {
            throw ApiException.unauthorized("this request needs the admin token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized("only bearer tokens are accepted: Authorization: Bearer <token>");
        }
        byte[] presented = sha256(authorization.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(expected, presented)) {
            throw ApiException.unauthorized("the bearer token is not the admin token");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

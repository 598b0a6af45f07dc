package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualNetworkService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * Says who an {@code authorization} value ({@code Bearer <token>}, the HTTP header or the gRPC
 * metadata entry) belongs to: the admin, a tenant, or no one, which is refused
 * ({@link ServiceException.Kind#UNAUTHENTICATED}).
 *
 * <p>The admin token is compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant
 * time, and the digests have the same length whatever was presented, so neither the content
 * nor the length of the token leaks through timing. A tenant's token is found by its SHA-256
 * hash in a map; the time that takes depends on the hash, which tells nothing of any token.
 */
public final class Authenticator {
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;
    private final VirtualNetworkService tenants;

    /** {@code adminToken} is checked by the caller (the config's rules for tokens are the config's). */
    public Authenticator(String adminToken, VirtualNetworkService tenants) {
        this.expected = sha256(Objects.requireNonNull(adminToken, "adminToken"));
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /** Who the value's token belongs to; {@code authorization} is null when the request had none. */
    public Principal principal(String authorization) {
        if (authorization == null) {
            throw ServiceException.unauthenticated("this request needs a token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ServiceException.unauthenticated("only bearer tokens are accepted: Authorization: Bearer <token>");
        }
        String token = authorization.substring(SCHEME.length()).strip();
        if (MessageDigest.isEqual(expected, sha256(token))) {
            return Principal.ADMIN;
        }
        Optional<Principal> tenant = token.isEmpty() ? Optional.empty()
                : tenants.tenantOfToken(token).map(Principal.OfTenant::new);
        return tenant.orElseThrow(() -> ServiceException.unauthenticated(
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

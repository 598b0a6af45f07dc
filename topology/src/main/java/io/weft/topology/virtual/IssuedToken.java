package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A tenant's new bearer token, in clear: the only time it exists outside the caller's hands.
 * Weft keeps its SHA-256 hash and nothing else.
 */
public record IssuedToken(TenantId tenant, String token) {
    public IssuedToken {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(token, "token");
    }

    /** Never prints the token: records end up in logs. */
    @Override
    public String toString() {
        return "IssuedToken[tenant=" + tenant + ", token=(hidden)]";
    }
}

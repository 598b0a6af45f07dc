package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A tenant as others may see it: its id and how many bearer tokens it holds (the tokens
 * themselves are kept only as hashes, and never leave the store).
 */
public record Tenant(TenantId id, int tokens) implements VirtualElement {
    public Tenant {
        Objects.requireNonNull(id, "id");
        if (tokens < 0) {
            throw new IllegalArgumentException("a token count is not negative: " + tokens);
        }
    }

    @Override
    public TenantId tenant() {
        return id;
    }
}

package io.weft.topology.virtual;

/** A tenant's id: a short name the admin chooses, e.g. {@code blue}. */
public record TenantId(String value) implements Comparable<TenantId> {
    public TenantId {
        Names.check("a tenant id", value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

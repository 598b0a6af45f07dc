package io.weft.topology.store;

import java.util.Objects;

/**
 * A key's value and the revisions that wrote it: {@code createRevision} when the key was
 * created (again, after a delete), {@code modRevision} when it was last written. Both are
 * global store revisions, so {@code modRevision} is what a conditional write names.
 */
public record Entry(String key, String value, long createRevision, long modRevision) {
    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (createRevision < 1 || modRevision < createRevision) {
            throw new IllegalArgumentException("bad revisions for " + key + ": created " + createRevision
                    + ", modified " + modRevision);
        }
    }
}

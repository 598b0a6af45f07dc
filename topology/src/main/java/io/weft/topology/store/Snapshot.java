package io.weft.topology.store;

import java.util.List;

/**
 * The entries under a prefix, sorted by key, as they were at {@code revision}: the revision a
 * watch that must miss nothing after this listing starts from.
 */
public record Snapshot(long revision, List<Entry> entries) {
    public Snapshot {
        entries = List.copyOf(entries);
    }
}

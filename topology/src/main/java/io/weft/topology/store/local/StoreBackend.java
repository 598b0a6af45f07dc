package io.weft.topology.store.local;

import io.weft.topology.store.Entry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link LocalStore} keeps its entries. {@link LocalStore} calls it under its own
 * lock, one writer at a time, so a backend needs no locking of its own for consistency.
 */
public interface StoreBackend extends AutoCloseable {
    /** The revision of the last change applied, as found when the backend was opened. */
    long revision();

    Optional<Entry> get(String key);

    /** The entries whose keys start with {@code prefix}, sorted by key. */
    List<Entry> list(String prefix);

    /**
     * Writes {@code puts}, removes {@code deletes} and records {@code revision} as the latest,
     * all at once: when this returns, the change is as durable as the backend promises; when
     * it throws, the backend may be in any state and is not used again.
     */
    void apply(long revision, List<Entry> puts, Collection<String> deletes);

    @Override
    void close();
}

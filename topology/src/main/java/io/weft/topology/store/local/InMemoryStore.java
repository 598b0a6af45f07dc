package io.weft.topology.store.local;

import io.weft.metrics.Counters;
import io.weft.topology.store.Entry;
import io.weft.topology.store.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * A {@link Store} that keeps everything in memory and forgets it when closed: for tests of the
 * components that use a store, and the reference for what the SPI means (it passes the same
 * contract test as the embedded file-backed store).
 *
 * <p>Unless given an executor, it delivers watch events on the committing thread, after the
 * transaction is applied and before {@link #commit} returns, so a test sees a change's events
 * as soon as the change is made.
 */
public final class InMemoryStore extends ForwardingStore {
    public static final int DEFAULT_HISTORY = 10_000;

    public InMemoryStore() {
        this(DEFAULT_HISTORY, new Counters());
    }

    public InMemoryStore(int historySize, Counters counters) {
        this(historySize, Runnable::run, counters);
    }

    public InMemoryStore(int historySize, Executor watchExecutor, Counters counters) {
        super(new LocalStore(new Memory(), historySize, watchExecutor, counters));
    }

    /** Entries in key order; {@link LocalStore}'s lock is all the synchronization it needs. */
    private static final class Memory implements StoreBackend {
        private final TreeMap<String, Entry> entries = new TreeMap<>();
        private long revision;

        @Override
        public long revision() {
            return revision;
        }

        @Override
        public Optional<Entry> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public List<Entry> list(String prefix) {
            List<Entry> found = new ArrayList<>();
            for (Entry entry : entries.tailMap(prefix).values()) {
                if (!entry.key().startsWith(prefix)) {
                    break;
                }
                found.add(entry);
            }
            return found;
        }

        @Override
        public void apply(long revision, List<Entry> puts, Collection<String> deletes) {
            deletes.forEach(entries::remove);
            puts.forEach(entry -> entries.put(entry.key(), entry));
            this.revision = revision;
        }

        @Override
        public void close() {
            entries.clear();
        }
    }
}

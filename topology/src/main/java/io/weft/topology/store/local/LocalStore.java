package io.weft.topology.store.local;

import io.weft.metrics.Counters;
import io.weft.topology.store.Condition;
import io.weft.topology.store.Entry;
import io.weft.topology.store.Keys;
import io.weft.topology.store.Op;
import io.weft.topology.store.Snapshot;
import io.weft.topology.store.Store;
import io.weft.topology.store.StoreException;
import io.weft.topology.store.Txn;
import io.weft.topology.store.TxnResult;
import io.weft.topology.store.Watch;
import io.weft.topology.store.WatchEvent;
import io.weft.topology.store.WatchListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} contract over a {@link StoreBackend}. One transaction at a time holds the
 * write lock from its first condition check until its changes are applied by the backend
 * (durably, for a file-backed one), so readers see only whole, applied transactions, and
 * conditional writers cannot lose each other's updates.
 *
 * <p>If the backend fails to apply a transaction, the store counts {@code store.write_failures}
 * and refuses everything afterwards: whether the change reached the backend is unknown, and
 * guessing would risk acknowledging something that is not there.
 */
public final class LocalStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(LocalStore.class);

    private final StoreBackend backend;
    private final Counters counters;
    private final WatchHub watches;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}. */
    private long revision;
    /** Guarded by {@link #lock}; why the store refuses requests, or null while it serves them. */
    private String refusal;

    /**
     * @param historySize how many recent changes watches can still be given (beyond the latest
     *     revision's own); a watch from further back gets {@link WatchEvent.Compacted}
     * @param watchExecutor runs watch listeners; each watch is drained by one task at a time
     */
    public LocalStore(StoreBackend backend, int historySize, Executor watchExecutor, Counters counters) {
        this.backend = backend;
        this.counters = counters;
        this.revision = backend.revision();
        this.watches = new WatchHub(revision, historySize, watchExecutor, counters);
    }

    @Override
    public Optional<Entry> get(String key) {
        Keys.checkKey(key);
        return read(() -> backend.get(key));
    }

    @Override
    public Snapshot snapshot(String prefix) {
        Keys.checkPrefix(prefix);
        return read(() -> new Snapshot(revision, backend.list(prefix)));
    }

    @Override
    public long revision() {
        return read(() -> revision);
    }

    private <T> T read(Supplier<T> reader) {
        Lock readLock = lock.readLock();
        readLock.lock();
        try {
            checkServing();
            return reader.get();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public TxnResult commit(Txn txn) {
        TxnResult result;
        Lock writeLock = lock.writeLock();
        writeLock.lock();
        try {
            checkServing();
            for (Condition condition : txn.conditions()) {
                if (!condition.holds(backend.get(condition.key()))) {
                    return TxnResult.conflict(revision);
                }
            }
            long next = revision + 1;
            List<WatchEvent> changes = changes(txn, next);
            if (changes.isEmpty()) {
                return TxnResult.applied(revision);
            }
            apply(next, changes);
            revision = next;
            watches.append(next, changes);
            result = TxnResult.applied(next);
        } finally {
            writeLock.unlock();
        }
        watches.dispatch();
        return result;
    }

    /** The transaction's effect at revision {@code next}, in its operations' order; nothing for no-ops. */
    private List<WatchEvent> changes(Txn txn, long next) {
        List<WatchEvent> changes = new ArrayList<>();
        // Txn refuses a key both written and deleted; deletes may overlap each other, and count once.
        Set<String> deleted = new LinkedHashSet<>();
        for (Op op : txn.ops()) {
            switch (op) {
                case Op.Put put -> {
                    long created = backend.get(put.key()).map(Entry::createRevision).orElse(next);
                    changes.add(new WatchEvent.Put(new Entry(put.key(), put.value(), created, next)));
                }
                case Op.Delete delete -> {
                    if (backend.get(delete.key()).isPresent() && deleted.add(delete.key())) {
                        changes.add(new WatchEvent.Delete(delete.key(), next));
                    }
                }
                case Op.DeletePrefix deletePrefix -> {
                    for (Entry entry : backend.list(deletePrefix.prefix())) {
                        if (deleted.add(entry.key())) {
                            changes.add(new WatchEvent.Delete(entry.key(), next));
                        }
                    }
                }
            }
        }
        return changes;
    }

    private void apply(long next, List<WatchEvent> changes) {
        List<Entry> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (WatchEvent change : changes) {
            switch (change) {
                case WatchEvent.Put put -> puts.add(put.entry());
                case WatchEvent.Delete delete -> deletes.add(delete.key());
                case WatchEvent.Compacted compacted -> throw new IllegalStateException("not a change: " + compacted);
            }
        }
        try {
            backend.apply(next, puts, deletes);
        } catch (RuntimeException e) {
            counters.increment("store.write_failures");
            refusal = "the store failed writing revision " + next + " and refuses requests until it is reopened";
            log.error("{}; closing it", refusal, e);
            closeBackend();
            throw new StoreException(refusal, e);
        }
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        Keys.checkPrefix(prefix);
        read(() -> revision);
        // Outside the lock: a listener run at once (a direct executor) may read or commit.
        return watches.watch(prefix, fromRevision, listener);
    }

    @Override
    public void close() {
        Lock writeLock = lock.writeLock();
        writeLock.lock();
        try {
            if (refusal != null) {
                return;
            }
            refusal = "the store is closed";
            watches.close();
            backend.close();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeBackend() {
        watches.close();
        try {
            backend.close();
        } catch (RuntimeException e) {
            log.warn("closing the failed store's backend failed too", e);
        }
    }

    private void checkServing() {
        if (refusal != null) {
            throw new StoreException(refusal);
        }
    }
}

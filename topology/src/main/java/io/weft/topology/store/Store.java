package io.weft.topology.store;

import java.util.List;
import java.util.Optional;

/**
 * A revisioned key-value store with etcd v3's semantics (see the package documentation).
 * Reads see only committed transactions, each one whole. An implementation says how durable a
 * committed transaction is; the embedded store has it on disk before {@link #commit} returns.
 * Every method but {@link #close} throws {@link StoreException} once the store is closed or has failed.
 */
public interface Store extends AutoCloseable {
    Optional<Entry> get(String key);

    /** The entries whose keys start with {@code prefix} ("" for all), sorted by key. */
    default List<Entry> list(String prefix) {
        return snapshot(prefix).entries();
    }

    /** {@link #list}, together with the revision the listing reflects, read atomically. */
    Snapshot snapshot(String prefix);

    /** The revision of the last transaction that changed something; 0 for an empty, new store. */
    long revision();

    /** Applies the transaction if all its conditions hold, atomically; see {@link Txn}. */
    TxnResult commit(Txn txn);

    /** Writes {@code key} only if it was last written at {@code modRevision}; 0: only if it is absent. */
    default TxnResult putIfRevision(String key, String value, long modRevision) {
        return commit(Txn.putIfRevision(key, value, modRevision));
    }

    /** Deletes {@code key}, whatever its revision; succeeds (and changes nothing) when it is absent. */
    default TxnResult delete(String key) {
        return commit(Txn.builder().delete(key).build());
    }

    /** Deletes {@code key} only if it was last written at {@code modRevision}. */
    default TxnResult deleteIfRevision(String key, long modRevision) {
        return commit(Txn.deleteIfRevision(key, modRevision));
    }

    /**
     * Delivers every change to a key under {@code prefix} with a revision greater than
     * {@code fromRevision}, in revision order (changes of one revision in the transaction's
     * order), until the returned watch is closed. To see a listing's later changes, watch from
     * the snapshot's revision. When history no longer holds every change after
     * {@code fromRevision} (it is bounded, and starts afresh when the store is reopened),
     * the watch delivers {@link WatchEvent.Compacted} and ends.
     */
    Watch watch(String prefix, long fromRevision, WatchListener listener);

    /** Ends every watch and releases the store; later calls throw {@link StoreException}. */
    @Override
    void close();
}

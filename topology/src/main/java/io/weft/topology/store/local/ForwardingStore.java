package io.weft.topology.store.local;

import io.weft.topology.store.Entry;
import io.weft.topology.store.Snapshot;
import io.weft.topology.store.Store;
import io.weft.topology.store.Txn;
import io.weft.topology.store.TxnResult;
import io.weft.topology.store.Watch;
import io.weft.topology.store.WatchListener;
import java.util.Objects;
import java.util.Optional;

/** A store that hands every call to another; stores built on {@link LocalStore} extend it and add only what differs. */
public abstract class ForwardingStore implements Store {
    private final Store delegate;

    protected ForwardingStore(Store delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<Entry> get(String key) {
        return delegate.get(key);
    }

    @Override
    public Snapshot snapshot(String prefix) {
        return delegate.snapshot(prefix);
    }

    @Override
    public long revision() {
        return delegate.revision();
    }

    @Override
    public TxnResult commit(Txn txn) {
        return delegate.commit(txn);
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        return delegate.watch(prefix, fromRevision, listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

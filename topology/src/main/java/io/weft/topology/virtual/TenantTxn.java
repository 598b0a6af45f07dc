package io.weft.topology.virtual;

import io.weft.topology.store.Entry;
import io.weft.topology.store.Snapshot;
import io.weft.topology.store.Store;
import io.weft.topology.store.Txn;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.onosproject.net.DeviceId;

/**
 * One attempt at one change of one tenant: what the change read, and what it will write. The
 * tenant is read in one snapshot; every other key it reads is read here too, and each read adds
 * the condition that the key is unchanged when the transaction commits. So a transaction that
 * commits was checked against exactly the state it changes, and one that raced another writer
 * changes nothing and is tried again.
 *
 * <p>The tenant's keys are covered by one condition, on its version key, because every change of
 * a tenant rewrites that key ({@link #commit}): a change to any of the tenant's keys is a change
 * to it.
 */
final class TenantTxn {
    private final Store store;
    private final StoreCodec codec;
    private final TenantId tenant;
    private final Optional<TenantState> state;
    private final Txn.Builder txn = Txn.builder();
    private int ops;
    private int conditions;
    private boolean deletesTenant;

    private TenantTxn(Store store, StoreCodec codec, TenantId tenant, Optional<TenantState> state) {
        this.store = store;
        this.codec = codec;
        this.tenant = tenant;
        this.state = state;
        condition(StoreLayout.tenant(tenant), state.map(TenantState::versionRevision).orElse(0L));
    }

    static TenantTxn begin(Store store, StoreCodec codec, TenantId tenant) {
        Snapshot snapshot = store.snapshot(StoreLayout.tenantPrefix(tenant));
        return new TenantTxn(store, codec, tenant, codec.tenant(tenant, snapshot.entries()));
    }

    TenantId tenantId() {
        return tenant;
    }

    Optional<TenantState> state() {
        return state;
    }

    /** The tenant as read, or the refusal every change of a missing (or another's) tenant gets. */
    TenantState existing() {
        return state.orElseThrow(() -> new VirtualNetworkException.NotFound("no tenant " + tenant));
    }

    NetworkState network(NetworkId network) {
        return existing().network(network)
                .orElseThrow(() -> new VirtualNetworkException.NotFound("no network " + network.name()));
    }

    /** The fabric tags every network holds, read with the condition that none is taken meanwhile. */
    SortedMap<Integer, NetworkId> tags() {
        return codec.tags(read(StoreLayout.TAGS));
    }

    /** The attachments of every tenant on a device, read with the condition that none is granted meanwhile. */
    List<Attachment> point(DeviceId device) {
        return codec.point(read(StoreLayout.point(device)));
    }

    /** Takes the next attachment number; the transaction writes the one after it. */
    long takeAttachmentNumber() {
        long next = codec.nextAttachmentNumber(read(StoreLayout.ATTACHMENT_IDS));
        put(StoreLayout.ATTACHMENT_IDS, codec.attachmentIds(next + 1));
        return next;
    }

    private Optional<Entry> read(String key) {
        Optional<Entry> entry = store.get(key);
        condition(key, entry.map(Entry::modRevision).orElse(0L));
        return entry;
    }

    private void condition(String key, long modRevision) {
        txn.ifRevision(key, modRevision);
        conditions++;
    }

    void put(String key, String value) {
        txn.put(key, value);
        ops++;
    }

    void delete(String key) {
        txn.delete(key);
        ops++;
    }

    void deletePrefix(String prefix) {
        txn.deletePrefix(prefix);
        ops++;
    }

    /** Deletes every key of the tenant, its version key included, which then is not rewritten. */
    void deleteTenant() {
        deletePrefix(StoreLayout.tenantPrefix(tenant));
        deletesTenant = true;
    }

    /**
     * Commits, with the tenant's version key rewritten (or created); false when another writer
     * changed something this attempt read. Refuses, as a conflict, a change too large for one
     * transaction: splitting it would leave partial state between the parts.
     */
    boolean commit() {
        if (!deletesTenant) {
            put(StoreLayout.tenant(tenant), codec.tenant(tenant));
        }
        if (ops > Txn.MAX_OPS || conditions > Txn.MAX_CONDITIONS) {
            throw new VirtualNetworkException.Conflict("this change would touch " + ops + " stored objects, more than "
                    + Txn.MAX_OPS + " in one transaction; remove some of what it would delete first");
        }
        Txn built;
        try {
            built = txn.build();
        } catch (IllegalArgumentException e) {
            throw new VirtualNetworkException.Conflict("this change is too large for one transaction ("
                    + e.getMessage() + "); remove some of what it would delete first");
        }
        return store.commit(built).succeeded();
    }
}

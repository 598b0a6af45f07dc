package io.weft.topology.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An atomic multi-key transaction: if every condition holds, every operation is applied at
 * one new revision; otherwise nothing changes (etcd's Txn with an empty else branch).
 *
 * <p>The limits are etcd's defaults, checked here so that a transaction that works on the
 * embedded store also works on etcd: at most {@value #MAX_CONDITIONS} conditions and
 * {@value #MAX_OPS} operations, at most {@value #MAX_BYTES} bytes of keys and values, and no
 * key written twice or both written and deleted (etcd refuses those as duplicate keys).
 */
public record Txn(List<Condition> conditions, List<Op> ops) {
    public static final int MAX_CONDITIONS = 128;
    public static final int MAX_OPS = 128;
    /** Under etcd's default request limit of 1.5 MiB, with room for the request's framing. */
    public static final int MAX_BYTES = 1 << 20;

    public Txn {
        conditions = List.copyOf(conditions);
        ops = List.copyOf(ops);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one operation");
        }
        if (conditions.size() > MAX_CONDITIONS || ops.size() > MAX_OPS) {
            throw new IllegalArgumentException("a transaction has at most " + MAX_CONDITIONS + " conditions and "
                    + MAX_OPS + " operations, this one " + conditions.size() + " and " + ops.size());
        }
        checkNoOverlap(ops);
        long bytes = 0;
        for (Condition condition : conditions) {
            bytes += condition.key().length();
        }
        for (Op op : ops) {
            bytes += switch (op) {
                case Op.Put put -> put.key().length() + Keys.utf8Length(put.value());
                case Op.Delete delete -> delete.key().length();
                case Op.DeletePrefix deletePrefix -> deletePrefix.prefix().length();
            };
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("a transaction carries at most " + MAX_BYTES
                    + " bytes of keys and values, this one " + bytes);
        }
    }

    private static void checkNoOverlap(List<Op> ops) {
        Set<String> written = new HashSet<>();
        List<String> deleted = new ArrayList<>();
        List<String> deletedPrefixes = new ArrayList<>();
        for (Op op : ops) {
            switch (op) {
                case Op.Put put -> {
                    if (!written.add(put.key())) {
                        throw new IllegalArgumentException("key " + put.key() + " is written twice in one transaction");
                    }
                }
                case Op.Delete delete -> deleted.add(delete.key());
                case Op.DeletePrefix deletePrefix -> deletedPrefixes.add(deletePrefix.prefix());
            }
        }
        for (String key : written) {
            if (deleted.contains(key) || deletedPrefixes.stream().anyMatch(key::startsWith)) {
                throw new IllegalArgumentException("key " + key + " is both written and deleted in one transaction");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes {@code key} only if it was last written at {@code modRevision}; 0 means only if it is absent. */
    public static Txn putIfRevision(String key, String value, long modRevision) {
        return builder().ifRevision(key, modRevision).put(key, value).build();
    }

    /** Deletes {@code key} only if it was last written at {@code modRevision}. */
    public static Txn deleteIfRevision(String key, long modRevision) {
        return builder().ifModRevision(key, modRevision).delete(key).build();
    }

    public static final class Builder {
        private final List<Condition> conditions = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();

        private Builder() {
        }

        public Builder ifAbsent(String key) {
            conditions.add(new Condition.Absent(key));
            return this;
        }

        public Builder ifPresent(String key) {
            conditions.add(new Condition.Present(key));
            return this;
        }

        public Builder ifModRevision(String key, long modRevision) {
            conditions.add(new Condition.ModRevision(key, modRevision));
            return this;
        }

        /** {@link #ifModRevision}, or {@link #ifAbsent} for revision 0: a key read as missing. */
        public Builder ifRevision(String key, long modRevision) {
            return modRevision == 0 ? ifAbsent(key) : ifModRevision(key, modRevision);
        }

        public Builder when(Condition condition) {
            conditions.add(condition);
            return this;
        }

        public Builder put(String key, String value) {
            ops.add(new Op.Put(key, value));
            return this;
        }

        public Builder delete(String key) {
            ops.add(new Op.Delete(key));
            return this;
        }

        public Builder deletePrefix(String prefix) {
            ops.add(new Op.DeletePrefix(prefix));
            return this;
        }

        public Txn build() {
            return new Txn(conditions, ops);
        }
    }
}

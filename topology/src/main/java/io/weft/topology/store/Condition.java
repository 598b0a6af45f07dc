package io.weft.topology.store;

import java.util.Optional;

/**
 * What a {@link Txn} requires of one key before it changes anything. Each maps to one etcd
 * compare: {@link Absent} is {@code create_revision = 0}, {@link Present} is
 * {@code create_revision > 0}, {@link ModRevision} is {@code mod_revision = n}.
 */
public sealed interface Condition {
    String key();

    /** Whether the condition holds for the key's current entry (empty when the key is absent). */
    boolean holds(Optional<Entry> current);

    record Absent(String key) implements Condition {
        public Absent {
            Keys.checkKey(key);
        }

        @Override
        public boolean holds(Optional<Entry> current) {
            return current.isEmpty();
        }
    }

    record Present(String key) implements Condition {
        public Present {
            Keys.checkKey(key);
        }

        @Override
        public boolean holds(Optional<Entry> current) {
            return current.isPresent();
        }
    }

    /** The key exists and was last written at exactly {@code modRevision}. */
    record ModRevision(String key, long modRevision) implements Condition {
        public ModRevision {
            Keys.checkKey(key);
            if (modRevision < 1) {
                throw new IllegalArgumentException("a key's modRevision is at least 1, was " + modRevision
                        + " (require absence with Absent)");
            }
        }

        @Override
        public boolean holds(Optional<Entry> current) {
            return current.isPresent() && current.get().modRevision() == modRevision;
        }
    }
}

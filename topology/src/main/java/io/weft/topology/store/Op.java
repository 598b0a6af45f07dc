package io.weft.topology.store;

/** A change a {@link Txn} makes when its conditions hold. */
public sealed interface Op {
    /** Creates or overwrites a key; the key's modRevision becomes the transaction's revision. */
    record Put(String key, String value) implements Op {
        public Put {
            Keys.checkKey(key);
            Keys.utf8Length(value);
        }
    }

    /** Removes a key; nothing happens, and no revision is spent, when it is absent. */
    record Delete(String key) implements Op {
        public Delete {
            Keys.checkKey(key);
        }
    }

    /**
     * Removes every key that starts with {@code prefix}. The empty prefix is refused: wiping
     * the whole store is never what a Weft component means to do.
     */
    record DeletePrefix(String prefix) implements Op {
        public DeletePrefix {
            Keys.checkKey(prefix);
        }
    }
}

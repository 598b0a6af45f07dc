package io.weft.topology.store;

/**
 * What a {@link Txn} did. {@code succeeded} says whether its conditions held (and so its
 * operations were applied); {@code revision} is the store's revision right after the
 * transaction: the transaction's own revision when it changed something.
 */
public record TxnResult(boolean succeeded, long revision) {
    public TxnResult {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }

    public static TxnResult applied(long revision) {
        return new TxnResult(true, revision);
    }

    public static TxnResult conflict(long revision) {
        return new TxnResult(false, revision);
    }
}

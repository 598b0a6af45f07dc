package io.weft.topology.store;

/**
 * The store cannot serve a request: it is closed, its file cannot be opened, or a write
 * failed to reach the disk (after which the store refuses everything, since what is on disk
 * is no longer known).
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

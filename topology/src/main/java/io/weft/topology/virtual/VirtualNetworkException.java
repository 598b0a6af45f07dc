package io.weft.topology.virtual;

/**
 * Why the admin service refused a change; nothing was changed. The three kinds are what an API
 * tells its caller: the request itself is wrong ({@link Invalid}), it names something that does
 * not exist or belongs to another tenant ({@link NotFound}, the same answer for both so that a
 * tenant learns nothing of others), or it clashes with what exists ({@link Conflict}).
 */
public abstract sealed class VirtualNetworkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private VirtualNetworkException(String message) {
        // The message is for the caller; a stack trace would only cost time on a refusal.
        super(message, null, false, false);
    }

    public static final class Invalid extends VirtualNetworkException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    public static final class NotFound extends VirtualNetworkException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    public static final class Conflict extends VirtualNetworkException {
        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message);
        }
    }
}

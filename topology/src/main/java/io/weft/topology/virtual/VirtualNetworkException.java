package io.weft.topology.virtual;

/**
 * Why the admin service refused a change; nothing was changed. The three kinds are what an API
 * tells its caller: the request itself is wrong ({@link Invalid}), it names something that does
 * not exist or belongs to another tenant ({@link NotFound}, the same answer for both so that a
 * tenant learns nothing of others), or it clashes with what exists ({@link Conflict}). Two
 * conflicts are told apart, because a client acts on them differently: what it asked to create
 * is there already ({@link AlreadyExists}), or a limit is reached ({@link Exhausted}).
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

    public static sealed class Conflict extends VirtualNetworkException permits AlreadyExists, Exhausted {
        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message);
        }
    }

    /** The tenant, network, switch or host the change would create exists already. */
    public static final class AlreadyExists extends Conflict {
        private static final long serialVersionUID = 1L;

        public AlreadyExists(String message) {
            super(message);
        }
    }

    /** A limit is reached: the tenant's tokens, the fabric tags, a switch's port numbers. */
    public static final class Exhausted extends Conflict {
        private static final long serialVersionUID = 1L;

        public Exhausted(String message) {
            super(message);
        }
    }
}

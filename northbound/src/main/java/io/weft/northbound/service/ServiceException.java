package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualNetworkException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request the northbound refuses: what kind of refusal it is, which each face turns into its
 * own status (an HTTP status, a gRPC code), and a message a person can act on, the same on both.
 */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Enough of a bad value to recognise it, without echoing an arbitrarily long one. */
    private static final int MAX_ECHO = 64;

    /** What a client can do about it. */
    public enum Kind {
        /** The request itself is wrong: a malformed id, a missing field, a value out of range. */
        INVALID,
        /** No credentials, or credentials that are no one's. */
        UNAUTHENTICATED,
        /** A tenant's token asking for what only the admin may do. */
        FORBIDDEN,
        /** Nothing by that name, or another tenant's: the same answer, so a tenant learns nothing of others. */
        NOT_FOUND,
        /** It clashes with what exists: in use, of the wrong kind, changed by someone else meanwhile. */
        CONFLICT,
        /** What the request would create exists already. */
        ALREADY_EXISTS,
        /** A limit is reached: tokens, fabric tags, port numbers. */
        EXHAUSTED,
        /** What the request names has left what the controller keeps (an event stream's history): list again. */
        GONE,
        /** Too many at once (event streams): try again later. */
        BUSY,
        /** The controller cannot serve it now (it is stopping): try again, perhaps elsewhere. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        // The message is for the caller; a stack trace would only cost time on a refusal.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(Kind.INVALID, message);
    }

    public static ServiceException unauthenticated(String message) {
        return new ServiceException(Kind.UNAUTHENTICATED, message);
    }

    public static ServiceException forbidden(String message) {
        return new ServiceException(Kind.FORBIDDEN, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }

    /** A value from the request, quoted and cut short for a message. */
    public static String echo(String value) {
        String cut = value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
        return "'" + cut + "'";
    }

    /** Runs a change through the virtual-network admin service, its refusals told as this layer's. */
    static <T> T changing(Supplier<T> change) {
        try {
            return change.get();
        } catch (VirtualNetworkException e) {
            throw new ServiceException(switch (e) {
                case VirtualNetworkException.Invalid invalid -> Kind.INVALID;
                case VirtualNetworkException.NotFound notFound -> Kind.NOT_FOUND;
                case VirtualNetworkException.AlreadyExists exists -> Kind.ALREADY_EXISTS;
                case VirtualNetworkException.Exhausted exhausted -> Kind.EXHAUSTED;
                case VirtualNetworkException.Conflict conflict -> Kind.CONFLICT;
            }, e.getMessage());
        }
    }

    static void changing(Runnable change) {
        changing(() -> {
            change.run();
            return null;
        });
    }
}

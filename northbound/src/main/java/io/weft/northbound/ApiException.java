package io.weft.northbound;

import com.linecorp.armeria.common.HttpStatus;
import java.util.Objects;

/**
 * A request the API refuses, with the status and a message a person can act on. Handlers throw
 * it; {@link JsonErrors} turns it into the JSON error body and counts it.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Enough of a bad value to recognise it, without echoing an arbitrarily long one. */
    private static final int MAX_ECHO = 64;

    private final transient HttpStatus status;

    ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }

    HttpStatus status() {
        return status;
    }

    /** A value from the request, quoted and cut short for a message. */
    static String echo(String value) {
        String cut = value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
        return "'" + cut + "'";
    }
}

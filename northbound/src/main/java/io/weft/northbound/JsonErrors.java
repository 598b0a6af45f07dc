package io.weft.northbound;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.HttpStatusClass;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import io.weft.northbound.service.ServiceException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into a response: always a JSON body
 * {@code {"error": code, "message": text}} with the matching status, never Armeria's own
 * text or HTML page. Every refusal is counted as {@code api.refused.<code>} (4xx) and every
 * server-side failure as {@code api.errors.<code>} (5xx). The service layer's refusals map to
 * 400 (invalid), 401, 403, 404 (not found, or another tenant's) and 409 (any conflict).
 */
final class JsonErrors implements ServerErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JsonErrors.class);

    private final Counters counters;

    JsonErrors(Counters counters) {
        this.counters = counters;
    }

    /** A handler, a decorator, or Armeria's routing (unknown path, wrong method) failed the request. */
    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        HttpStatus status;
        String message;
        if (cause instanceof CompletionException && cause.getCause() != null) {
            // A handler that ran on the blocking executor failed inside a future.
            cause = cause.getCause();
        }
        if (cause instanceof ServiceException e) {
            status = status(e.kind());
            message = e.getMessage();
        } else if (cause instanceof HttpStatusException e) {
            status = e.httpStatus();
            message = describe(status, ctx.method() + " " + ServiceException.echo(ctx.path()));
        } else if (cause instanceof RequestTimeoutException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = "the request took too long";
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = "internal error; the controller's log has the details";
            log.error("REST API: {} {} failed", ctx.method(), ctx.path(), cause);
        }
        return respond(status, message).toHttpResponse();
    }

    /** The request was not even valid HTTP (a malformed path, oversized headers): no service ran. */
    @Override
    public AggregatedHttpResponse onProtocolViolation(ServiceConfig config, RequestHeaders headers,
                                                      HttpStatus status, String description, Throwable cause) {
        return respond(status, describe(status, headers == null ? "the request"
                : headers.method() + " " + ServiceException.echo(headers.path())));
    }

    /**
     * A bare status from Armeria itself: its fallback service answers unknown paths (404) and
     * known paths with the wrong method (405) this way, without an exception.
     */
    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config,
                                               RequestHeaders headers, HttpStatus status, String description,
                                               Throwable cause) {
        String request = ctx != null ? ctx.method() + " " + ServiceException.echo(ctx.path())
                : headers != null ? headers.method() + " " + ServiceException.echo(headers.path()) : "the request";
        return respond(status, description != null ? description : describe(status, request));
    }

    /** Each of the three entry points renders a failure once, so counting here counts each once. */
    private AggregatedHttpResponse respond(HttpStatus status, String message) {
        String code = code(status);
        if (status.codeClass() == HttpStatusClass.SERVER_ERROR) {
            counters.increment("api.errors." + code);
        } else if (status.codeClass() == HttpStatusClass.CLIENT_ERROR) {
            counters.increment("api.refused." + code);
        }
        return Json.error(status, code, message);
    }

    static HttpStatus status(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT, ALREADY_EXISTS, EXHAUSTED -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case BUSY -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** {@code not_found}, {@code method_not_allowed}...: the reason phrase as an identifier. */
    static String code(HttpStatus status) {
        return status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static String describe(HttpStatus status, String request) {
        return switch (status.code()) {
            case 404 -> "no such resource: " + request;
            case 405 -> "method not allowed: " + request;
            default -> status.reasonPhrase() + ": " + request;
        };
    }
}

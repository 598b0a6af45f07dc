package io.weft.northbound.grpc;

import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import com.linecorp.armeria.server.HttpStatusException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.weft.northbound.events.SubscriptionEnd;
import io.weft.northbound.service.ServiceException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into a gRPC status: a service layer refusal into the code a
 * client can act on, with the same message REST gives; Armeria's HTTP refusals (a body over the
 * limit) into what grpc-java makes of an HTTP status, RESOURCE_EXHAUSTED for the size; a
 * client's reset of its stream into CANCELLED; anything
 * else into INTERNAL, logged, with a message that gives nothing away. Calls are counted where
 * they end ({@link GrpcCounting}), not here.
 */
final class GrpcStatuses implements GrpcExceptionHandlerFunction {
    private static final Logger log = LoggerFactory.getLogger(GrpcStatuses.class);

    static Status of(ServiceException e) {
        Status status = switch (e.kind()) {
            case INVALID -> Status.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case FORBIDDEN -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.FAILED_PRECONDITION;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case EXHAUSTED, BUSY -> Status.RESOURCE_EXHAUSTED;
            case GONE -> Status.OUT_OF_RANGE;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
        return status.withDescription(e.getMessage());
    }

    /**
     * Why a watch ended, as the status its client acts on: re-list (OUT_OF_RANGE), resume or retry
     * later (RESOURCE_EXHAUSTED), reconnect elsewhere or later (UNAVAILABLE). The journal's message
     * says which revisions it holds and what to do. A cancelled watch has no one to tell: CANCELLED.
     */
    static Status of(SubscriptionEnd end) {
        Status status = switch (end.reason()) {
            case HISTORY_EXPIRED -> Status.OUT_OF_RANGE;
            case SLOW_CONSUMER, TOO_MANY_SUBSCRIBERS -> Status.RESOURCE_EXHAUSTED;
            case SHUTDOWN -> Status.UNAVAILABLE;
            case CANCELLED -> Status.CANCELLED;
        };
        return status.withDescription(end.message());
    }

    /** grpc-java's reading of an HTTP status, but RESOURCE_EXHAUSTED for a body too large. */
    static Status of(HttpStatus status) {
        Status.Code code = switch (status.code()) {
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404, 405 -> Status.Code.UNIMPLEMENTED;
            case 413 -> Status.Code.RESOURCE_EXHAUSTED;
            case 408, 429, 502, 503, 504 -> Status.Code.UNAVAILABLE;
            default -> Status.Code.UNKNOWN;
        };
        return Status.fromCode(code).withDescription(code == Status.Code.RESOURCE_EXHAUSTED
                ? "the request is larger than the API accepts" : status.toString());
    }

    /** Any failure of the call at {@code path}. */
    static Status of(Throwable cause, String path) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return switch (failure) {
            case ServiceException e -> of(e);
            case ContentTooLargeException e -> of(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
            case HttpStatusException e -> of(e.httpStatus());
            // The client reset the stream (it cancelled a watch, or its deadline passed): no failure of ours.
            case ClosedStreamException e -> Status.CANCELLED.withDescription("the client cancelled the call");
            default -> {
                log.error("gRPC API: {} failed", path, failure);
                yield Status.INTERNAL.withDescription("internal error; the controller's log has the details");
            }
        };
    }

    /**
     * What escaped a call: a refusal thrown outside the handlers, an HTTP refusal, a bug (which
     * Armeria could only call UNKNOWN), or one of Armeria's own statuses (a message over the size
     * limit, a deadline, a cancellation), which stays as it is.
     */
    @Override
    public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
        if (cause != null && (status.getCode() == Status.Code.UNKNOWN || cause instanceof ServiceException)) {
            return of(cause, ctx.path());
        }
        return status;
    }
}

package io.weft.northbound.grpc;

import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.server.HttpStatusException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.weft.northbound.service.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into a gRPC status: a service layer refusal into the code a
 * client can act on, with the same message REST gives; anything else into INTERNAL, logged, with
 * a message that gives nothing away. Refusals are counted where every call ends
 * ({@link GrpcCounting}), not here.
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
            case EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
        };
        return status.withDescription(e.getMessage());
    }

    static Status of(Throwable cause, String method) {
        if (cause instanceof ServiceException e) {
            return of(e);
        }
        log.error("gRPC API: {} failed", method, cause);
        return Status.INTERNAL.withDescription("internal error; the controller's log has the details");
    }

    /**
     * What escaped a call: a refusal thrown outside the handlers, a bug (which Armeria could only
     * call UNKNOWN), or one of Armeria's own statuses (a message over the size limit, a deadline,
     * a cancellation), which stays as it is.
     */
    @Override
    public Status apply(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
        if (tooLarge(cause)) {
            return Status.RESOURCE_EXHAUSTED.withDescription("the request is larger than the API accepts");
        }
        if (cause instanceof ServiceException || status.getCode() == Status.Code.UNKNOWN && cause != null) {
            return of(cause, ctx.path());
        }
        return status;
    }

    /** A request body over the HTTP limit, which Armeria hands to the call that was reading it. */
    private static boolean tooLarge(Throwable cause) {
        return cause instanceof ContentTooLargeException
                || cause instanceof HttpStatusException e && e.httpStatus().equals(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
    }
}

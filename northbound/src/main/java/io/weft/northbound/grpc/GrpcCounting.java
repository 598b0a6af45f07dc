package io.weft.northbound.grpc;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatusClass;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import io.weft.metrics.Counters;
import java.util.Locale;
import java.util.Set;

/**
 * Counts every gRPC call as {@code grpc.requests} and, from the status it ends with, every
 * refusal as {@code grpc.refused.<code>} ({@code unauthenticated}, {@code invalid_argument},
 * {@code not_found}, {@code resource_exhausted}, ...) and every server-side failure as
 * {@code grpc.errors.<code>}, as REST counts {@code api.*}. The status is read as it leaves, so
 * refusals made before any handler ran (a message over the size limit, no token) are counted
 * too, and before the client can see them.
 */
final class GrpcCounting implements DecoratingHttpServiceFunction {
    /** What the caller can fix; the rest (INTERNAL, UNAVAILABLE, ...) is the server's failure. */
    private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS, Status.Code.PERMISSION_DENIED, Status.Code.FAILED_PRECONDITION,
            Status.Code.OUT_OF_RANGE, Status.Code.UNAUTHENTICATED, Status.Code.RESOURCE_EXHAUSTED,
            Status.Code.UNIMPLEMENTED, Status.Code.ABORTED);
    private static final String GRPC_STATUS = "grpc-status";

    private final Counters counters;

    GrpcCounting(Counters counters) {
        this.counters = counters;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        counters.increment("grpc.requests");
        // A refusal before any message is a trailers-only answer: its status is in the headers.
        return delegate.serve(ctx, req).peekHeaders(this::headers).peekTrailers(this::count);
    }

    private void headers(ResponseHeaders headers) {
        HttpStatusClass kind = headers.status().codeClass();
        if (headers.contains(GRPC_STATUS)) {
            count(headers);
        } else if (kind == HttpStatusClass.CLIENT_ERROR || kind == HttpStatusClass.SERVER_ERROR) {
            // Not a gRPC answer at all: Armeria refused the HTTP request (no gRPC content type, say).
            counters.increment(kind == HttpStatusClass.CLIENT_ERROR ? "grpc.refused.not_grpc" : "grpc.errors.not_grpc");
        }
    }

    private void count(HttpHeaders headers) {
        String status = headers.get(GRPC_STATUS);
        if (status != null) {
            ended(Status.fromCodeValue(parse(status)).getCode());
        }
    }

    /** Counts a call that ended with {@code code}, where this decorator could not see it end. */
    void ended(Status.Code code) {
        if (code == Status.Code.OK) {
            return;
        }
        String name = code.name().toLowerCase(Locale.ROOT);
        if (code == Status.Code.CANCELLED) {
            counters.increment("grpc.cancelled");
        } else if (REFUSALS.contains(code)) {
            counters.increment("grpc.refused." + name);
        } else {
            counters.increment("grpc.errors." + name);
        }
    }

    private static int parse(String status) {
        try {
            return Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return Status.Code.UNKNOWN.value();
        }
    }
}

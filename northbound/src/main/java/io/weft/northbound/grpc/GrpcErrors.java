package io.weft.northbound.grpc;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;

/**
 * Answers a gRPC request that failed before a gRPC service could answer it (its body over the
 * HTTP limit, a path no service has, REST's authentication on such a path) with a gRPC status, so
 * that the client sees RESOURCE_EXHAUSTED or UNIMPLEMENTED rather than an HTTP status it can only
 * call UNKNOWN. Counted as the calls a service ends are. Any other request is left to the next
 * handler (REST's JSON errors).
 */
final class GrpcErrors implements ServerErrorHandler {
    private final GrpcCounting counting;

    GrpcErrors(GrpcCounting counting) {
        this.counting = counting;
    }

    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        if (!isGrpc(ctx.request().headers())) {
            return null;
        }
        return answer(GrpcStatuses.of(cause, ctx.path())).toHttpResponse();
    }

    @Override
    public AggregatedHttpResponse onProtocolViolation(ServiceConfig config, RequestHeaders headers, HttpStatus status,
                                                      String description, Throwable cause) {
        return headers == null || !isGrpc(headers) ? null : answer(GrpcStatuses.of(status));
    }

    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers,
                                               HttpStatus status, String description, Throwable cause) {
        return headers == null || !isGrpc(headers) ? null : answer(GrpcStatuses.of(status));
    }

    private static boolean isGrpc(RequestHeaders headers) {
        MediaType type = headers.contentType();
        return type != null && type.subtype().startsWith("grpc");
    }

    /** A trailers-only answer: the status in the headers, no message. */
    private AggregatedHttpResponse answer(Status status) {
        counting.ended(status.getCode());
        return AggregatedHttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.parse("application/grpc+proto"))
                .add("grpc-status", Integer.toString(status.getCode().value()))
                .add("grpc-message", escape(status.getDescription()))
                .build());
    }

    /** As gRPC's HTTP/2 mapping writes a message: printable ASCII as is, the rest of its UTF-8 percent-encoded. */
    private static String escape(String message) {
        StringBuilder out = new StringBuilder();
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}

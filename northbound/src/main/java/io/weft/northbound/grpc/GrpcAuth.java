package io.weft.northbound.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.weft.northbound.service.Authenticator;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.ServiceException;
import java.util.Set;

/**
 * Lets a call through only with {@code authorization: Bearer <token>} metadata, the admin token
 * or a tenant's, as REST does ({@link Authenticator}); otherwise the call ends UNAUTHENTICATED,
 * counted as {@code grpc.refused.unauthenticated}. Who is calling travels with the call in
 * {@link #PRINCIPAL}. Only the public services (health, reflection) answer anonymously: they tell
 * whether the controller is up and what the protos say, which the repository says too.
 */
final class GrpcAuth implements ServerInterceptor {
    static final Context.Key<Principal> PRINCIPAL = Context.key("weft-principal");
    /** The {@code authorization} value that let the call in, for a stream to check again later. */
    static final Context.Key<String> CREDENTIALS = Context.key("weft-credentials");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticator authenticator;
    private final Set<String> publicServices;

    GrpcAuth(Authenticator authenticator, Set<String> publicServices) {
        this.authenticator = authenticator;
        this.publicServices = Set.copyOf(publicServices);
    }

    @Override
    public <I, O> ServerCall.Listener<I> interceptCall(ServerCall<I, O> call, Metadata headers,
                                                       ServerCallHandler<I, O> next) {
        if (publicServices.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        Principal who;
        try {
            who = authenticator.principal(authorization);
        } catch (ServiceException e) {
            call.close(GrpcStatuses.of(e), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValues(PRINCIPAL, who,
                CREDENTIALS, authorization), call, headers, next);
    }

    /** Who is calling; only inside a call this interceptor let through. */
    static Principal caller() {
        Principal who = PRINCIPAL.get();
        if (who == null) {
            throw new IllegalStateException("no caller: the call did not pass through GrpcAuth");
        }
        return who;
    }

    /** The {@code authorization} value of the call; only inside a call this interceptor let through. */
    static String credentials() {
        String credentials = CREDENTIALS.get();
        if (credentials == null) {
            throw new IllegalStateException("no credentials: the call did not pass through GrpcAuth");
        }
        return credentials;
    }
}

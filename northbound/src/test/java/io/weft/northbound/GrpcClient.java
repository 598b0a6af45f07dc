package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.weft.northbound.grpc.v1.FlowsGrpc;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import io.weft.northbound.grpc.v1.TopologyGrpc;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Calls the gRPC API as an orchestrator would: grpc-java's own transport and generated blocking
 * stubs, the token in {@code authorization} metadata. Stubs are made per call, each with a
 * deadline, so that a test that hangs fails instead.
 */
final class GrpcClient implements AutoCloseable {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;

    GrpcClient(InetSocketAddress address) {
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", address.getPort(),
                InsecureChannelCredentials.create()).build();
    }

    ManagedChannel channel() {
        return channel;
    }

    /** The stub with {@code authorization: <value>}, or with no credentials when the value is null. */
    static <S extends AbstractStub<S>> S with(S stub, String authorization) {
        S timed = stub.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (authorization == null) {
            return timed;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return timed.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** {@code authorization: Bearer <token>}. */
    static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return headers;
    }

    TenantsGrpc.TenantsBlockingStub tenants(String token) {
        return with(TenantsGrpc.newBlockingStub(channel), authorization(token));
    }

    VirtualNetworksGrpc.VirtualNetworksBlockingStub networks(String token) {
        return with(VirtualNetworksGrpc.newBlockingStub(channel), authorization(token));
    }

    TopologyGrpc.TopologyBlockingStub topology(String token) {
        return with(TopologyGrpc.newBlockingStub(channel), authorization(token));
    }

    FlowsGrpc.FlowsBlockingStub flows(String token) {
        return with(FlowsGrpc.newBlockingStub(channel), authorization(token));
    }

    private static String authorization(String token) {
        return token == null ? null : "Bearer " + token;
    }

    /** The call fails with this code; returns the status's description. */
    static String refused(Status.Code code, ThrowingCallable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(e).as("the call was expected to fail with %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
        return e.getStatus().getDescription();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.weft.metrics.Counters;
import io.weft.northbound.grpc.GrpcApi;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.ListDevicesRequest;
import io.weft.northbound.grpc.v1.ListTenantsRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gRPC server itself, on the REST port: health and reflection answer anonymously, every
 * other call needs a token, messages are bounded, and REST keeps working beside it. Counters
 * are the class's one server's, so tests compare before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcServerTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private final Counters counters = net.counters;
    private RestApi api;
    private GrpcClient grpc;
    private ApiClient rest;
    private InetSocketAddress restAddress;

    @BeforeAll
    void start() {
        api = net.api();
        restAddress = api.start();
        rest = new ApiClient(restAddress, ADMIN);
        grpc = new GrpcClient(api.grpcAddress());
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    @Test
    void grpcIsOnTheRestPortByDefault() {
        assertThat(api.grpcAddress()).isEqualTo(restAddress);
        assertThat(grpc.topology(ADMIN).listDevices(ListDevicesRequest.getDefaultInstance()).getDevicesCount())
                .isEqualTo(4);
        assertThat(rest.json("/api/v1/devices").get("devices")).hasSize(4);
    }

    @Test
    void healthAnswersWithoutAToken() {
        HealthCheckResponse health = GrpcClient.with(HealthGrpc.newBlockingStub(grpc.channel()), null)
                .check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    /** What grpcurl asks: the services, then the file that defines one, with the files it imports. */
    @Test
    void reflectionDescribesTheServicesWithoutAToken() throws Exception {
        List<ServerReflectionResponse> answers = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = GrpcClient.with(
                ServerReflectionGrpc.newStub(grpc.channel()), null).serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answers.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol("weft.v1.VirtualNetworks").build());
        requests.onCompleted();
        done.get(10, TimeUnit.SECONDS);

        // The file and those it imports may come in more than one answer.
        assertThat(answers).allSatisfy(answer -> assertThat(answer.hasErrorResponse()).isFalse());
        assertThat(answers.get(0).getListServicesResponse().getServiceList()).extracting(s -> s.getName())
                .contains("weft.v1.Tenants", "weft.v1.VirtualNetworks", "weft.v1.Topology", "weft.v1.Flows", "weft.v1.Events",
                        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        List<String> files = new ArrayList<>();
        for (ServerReflectionResponse answer : answers.subList(1, answers.size())) {
            for (ByteString file : answer.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                files.add(DescriptorProtos.FileDescriptorProto.parseFrom(file).getName());
            }
        }
        assertThat(files).contains("weft/v1/networks.proto", "weft/v1/common.proto", "google/protobuf/empty.proto");
    }

    @Test
    void everyOtherCallNeedsAToken() {
        long before = counters.get("grpc.refused.unauthenticated");
        assertThat(refused(Status.Code.UNAUTHENTICATED, () -> grpc.tenants(null)
                .listTenants(ListTenantsRequest.getDefaultInstance()))).contains("Bearer <token>");
        assertThat(refused(Status.Code.UNAUTHENTICATED, () -> grpc.topology("wrong-token-wrong-token-wrong")
                .listDevices(ListDevicesRequest.getDefaultInstance()))).contains("neither the admin token");
        assertThat(refused(Status.Code.UNAUTHENTICATED, () -> GrpcClient.with(
                io.weft.northbound.grpc.v1.TenantsGrpc.newBlockingStub(grpc.channel()), "Basic " + ADMIN)
                .listTenants(ListTenantsRequest.getDefaultInstance()))).contains("only bearer tokens");
        assertThat(counters.get("grpc.refused.unauthenticated")).isEqualTo(before + 3);
    }

    @Test
    void aMessageOverTheLimitIsResourceExhaustedAndCounted() {
        long before = counters.get("grpc.refused.resource_exhausted");
        for (int size : new int[] {GrpcApi.MAX_REQUEST_MESSAGE_BYTES + 1, 100 * GrpcApi.MAX_REQUEST_MESSAGE_BYTES}) {
            String huge = "x".repeat(size);
            refused(Status.Code.RESOURCE_EXHAUSTED, () -> grpc.tenants(ADMIN)
                    .createTenant(CreateTenantRequest.newBuilder().setId(huge).build()));
        }
        assertThat(counters.get("grpc.refused.resource_exhausted")).isEqualTo(before + 2);
        assertThat(net.tenants.manager.tenants()).isEmpty();
    }

    @Test
    void anUnknownMethodIsUnimplemented() {
        MethodDescriptor<ListTenantsRequest, ListTenantsRequest> nothing = MethodDescriptor
                .<ListTenantsRequest, ListTenantsRequest>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("weft.v1.Tenants/Nothing")
                .setRequestMarshaller(ProtoUtils.marshaller(ListTenantsRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(ListTenantsRequest.getDefaultInstance())).build();
        long before = counters.get("grpc.refused.unimplemented");
        Channel admin = ClientInterceptors.intercept(grpc.channel(), MetadataUtils.newAttachHeadersInterceptor(
                GrpcClient.bearer(ADMIN)));
        refused(Status.Code.UNIMPLEMENTED, () -> ClientCalls.blockingUnaryCall(admin, nothing,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ListTenantsRequest.getDefaultInstance()));
        assertThat(refused(Status.Code.UNAUTHENTICATED, () -> ClientCalls.blockingUnaryCall(grpc.channel(), nothing,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), ListTenantsRequest.getDefaultInstance())))
                .as("no token: refused before the path is looked at, as REST refuses").contains("Bearer <token>");
        assertThat(counters.get("grpc.refused.unimplemented")).isEqualTo(before + 1);
    }

    @Test
    void grpcGetsAPortOfItsOwnWhenConfigured() {
        TestNetwork own = TestNetwork.linearWithIsland();
        try (RestApi ownApi = own.api(ApiConfig.DEFAULTS.withAddress("127.0.0.1").withPort(0).withGrpcPort(0))) {
            InetSocketAddress restPort = ownApi.start();
            assertThat(ownApi.grpcAddress().getPort()).isNotEqualTo(restPort.getPort());
            try (GrpcClient onItsPort = new GrpcClient(ownApi.grpcAddress());
                 GrpcClient onRestPort = new GrpcClient(restPort)) {
                assertThat(onItsPort.topology(ADMIN).listDevices(ListDevicesRequest.getDefaultInstance())
                        .getDevicesCount()).isEqualTo(4);
                refused(Status.Code.UNIMPLEMENTED, () -> onRestPort.topology(ADMIN)
                        .listDevices(ListDevicesRequest.getDefaultInstance()));
            }
            assertThat(new ApiClient(restPort, ADMIN).json("/api/v1/devices").get("devices")).hasSize(4);
            assertThat(own.counters.get("grpc.requests")).isEqualTo(1);
        }
    }

    @Test
    void callsAreCountedApartFromRestRequests() {
        long grpcBefore = counters.get("grpc.requests");
        long restBefore = counters.get("api.requests");
        grpc.tenants(ADMIN).listTenants(ListTenantsRequest.getDefaultInstance());
        assertThat(counters.get("grpc.requests")).isEqualTo(grpcBefore + 1);
        assertThat(counters.get("api.requests")).isEqualTo(restBefore);
    }
}

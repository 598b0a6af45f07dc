package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.bench.flowsetup.Progress;
import io.weft.metrics.Counters;
import io.weft.northbound.grpc.v1.ConnectPoint;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeleteTenantRequest;
import io.weft.northbound.grpc.v1.IssuedToken;
import io.weft.northbound.grpc.v1.Link;
import io.weft.northbound.grpc.v1.ListLinksRequest;
import io.weft.northbound.grpc.v1.ListLinksResponse;
import io.weft.northbound.grpc.v1.Network;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import io.weft.northbound.grpc.v1.TopologyGrpc;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gRPC loads against a server of grpc-java's own that plays the controller: it wants
 * {@code authorization: Bearer <token>} as Weft does, makes and deletes tenants, and refuses
 * every fourth network with ALREADY_EXISTS.
 */
@Timeout(60)
class GrpcLoadTest {
    private static final String TOKEN = "grpc-load-test-token";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Counters counters = new Counters();
    private final ClosedLoop loop = new ClosedLoop(counters, Progress.NONE, Optional.empty());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Server server;
    private String target;

    @BeforeEach
    void start() throws IOException {
        ServerInterceptor auth = new ServerInterceptor() {
            @Override
            public <I, O> ServerCall.Listener<I> interceptCall(ServerCall<I, O> call, Metadata headers,
                                                               ServerCallHandler<I, O> next) {
                if (!("Bearer " + TOKEN).equals(headers.get(AUTHORIZATION))) {
                    call.close(Status.UNAUTHENTICATED.withDescription("no such token"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Tenants(), auth))
                .addService(ServerInterceptors.intercept(new Networks(), auth))
                .addService(ServerInterceptors.intercept(new Topology(), auth))
                .build().start();
        target = "127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void eachCreationIsADistinctNetworkUnderItsRoundsTenantAndAnErrorStatusIsARefusal()
            throws InterruptedException {
        ClosedLoop.Result result;
        try (GrpcLoad load = GrpcLoad.networkCreation(target, TOKEN, new RoundTenants("bench-grpc-abc"))) {
            result = loop.run(load, 3, ClosedLoop.Rounds.counted(1, 2, 20));
        }

        assertThat(result.operation()).isEqualTo("weft.v1.VirtualNetworks/CreateNetwork");
        assertThat(result.unit()).isEqualTo("networks");
        assertThat(result.succeeded()).as("15 of each measured round's 20").isEqualTo(30);
        assertThat(result.problems()).containsExactly(Map.entry("refused.already_exists", 15L));
        assertThat(counters.get("bench.api.grpc.refused.already_exists")).isEqualTo(15);
        assertThat(result.firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("exists"));
        assertThat(log).filteredOn(l -> l.startsWith("network bench-grpc-abc-2/")).hasSize(20)
                .doesNotHaveDuplicates();
        assertThat(log).filteredOn(l -> l.startsWith("tenant")).containsExactly(
                "tenant + bench-grpc-abc-0", "tenant - bench-grpc-abc-0", "tenant + bench-grpc-abc-1",
                "tenant - bench-grpc-abc-1", "tenant + bench-grpc-abc-2", "tenant - bench-grpc-abc-2");
    }

    @Test
    void aReadIsRatedWithTheSizeOfItsAnswer() throws InterruptedException {
        ClosedLoop.Result result;
        try (GrpcLoad load = GrpcLoad.read(target, TOKEN, Read.LINKS)) {
            result = loop.run(load, 2, ClosedLoop.Rounds.timed(0, 1, Duration.ofMillis(300)));
        }
        assertThat(result.operation()).isEqualTo("weft.v1.Topology/ListLinks");
        assertThat(result.succeeded()).isPositive();
        assertThat(result.problems()).isEmpty();
        assertThat(result.answerBytes()).isEqualTo(Topology.LINKS.getSerializedSize()).isPositive();
    }

    @Test
    void aWrongTokenScoresNothingAndIsCountedAsUnauthenticated() throws InterruptedException {
        ClosedLoop.Result result;
        try (GrpcLoad load = GrpcLoad.read(target, "not-the-token", Read.LINKS)) {
            result = loop.run(load, 2, ClosedLoop.Rounds.timed(0, 1, Duration.ofMillis(200)));
        }
        assertThat(result.rates()).containsExactly(0.0);
        assertThat(result.problems()).containsOnlyKeys("refused.unauthenticated");
        assertThat(counters.get("bench.api.grpc.refused.unauthenticated")).isEqualTo(result.problemCount())
                .isPositive();
    }

    @Test
    void anUnreachableControllerIsUnavailableAndStopsACreationRun() {
        try (GrpcLoad load = GrpcLoad.networkCreation("127.0.0.1:1", TOKEN, new RoundTenants("bench-grpc-x"))) {
            assertThatThrownBy(() -> loop.run(load, 1, ClosedLoop.Rounds.counted(0, 1, 5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not create tenant bench-grpc-x-0: refused.unavailable");
        }
    }

    private final class Tenants extends TenantsGrpc.TenantsImplBase {
        @Override
        public void createTenant(CreateTenantRequest request, StreamObserver<IssuedToken> out) {
            log.add("tenant + " + request.getId());
            out.onNext(IssuedToken.newBuilder().setTenant(request.getId()).setToken("t").build());
            out.onCompleted();
        }

        @Override
        public void deleteTenant(DeleteTenantRequest request, StreamObserver<Empty> out) {
            log.add("tenant - " + request.getTenant());
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
        }
    }

    private final class Networks extends VirtualNetworksGrpc.VirtualNetworksImplBase {
        @Override
        public void createNetwork(CreateNetworkRequest request, StreamObserver<Network> out) {
            log.add("network " + request.getTenant() + "/" + request.getId());
            if (request.getKind() != NetworkKind.NETWORK_KIND_BIG_SWITCH || !request.getId().matches("n\\d+")) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("malformed").asRuntimeException());
            } else if (Integer.parseInt(request.getId().substring(1)) % 4 == 3) {
                out.onError(Status.ALREADY_EXISTS.withDescription("network " + request.getId() + " exists")
                        .asRuntimeException());
            } else {
                out.onNext(Network.newBuilder().setId(request.getId()).setKind(request.getKind()).build());
                out.onCompleted();
            }
        }
    }

    private static final class Topology extends TopologyGrpc.TopologyImplBase {
        static final ListLinksResponse LINKS = ListLinksResponse.newBuilder().addLinks(Link.newBuilder()
                .setSrc(ConnectPoint.newBuilder().setDevice("of:0000000000000001").setPort(1))
                .setDst(ConnectPoint.newBuilder().setDevice("of:0000000000000002").setPort(1))).build();

        @Override
        public void listLinks(ListLinksRequest request, StreamObserver<ListLinksResponse> out) {
            out.onNext(LINKS);
            out.onCompleted();
        }
    }
}

package io.weft.bench.api;

import com.google.protobuf.MessageLite;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.weft.northbound.grpc.GrpcApi;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeleteTenantRequest;
import io.weft.northbound.grpc.v1.ListDevicesRequest;
import io.weft.northbound.grpc.v1.ListHostsRequest;
import io.weft.northbound.grpc.v1.ListLinksRequest;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import io.weft.northbound.grpc.v1.TopologyGrpc;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gRPC API ({@code weft.v1}) under load, as an orchestration tool calls it: grpc-java's own
 * client transport (Netty), generated blocking stubs, the bearer token in {@code authorization}
 * metadata, one channel (so one HTTP/2 connection) per client. A read is {@code Topology}'s list
 * of devices, links or hosts; a creation is {@code VirtualNetworks/CreateNetwork} under a tenant
 * of each round's own ({@link RoundTenants}), made and deleted over {@code Tenants}. An OK status
 * is a success; any other is the problem {@code refused.<code>}, e.g. {@code refused.unavailable}
 * when the controller cannot be reached.
 */
final class GrpcLoad implements Load {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final Metadata credentials;
    private final Optional<Read> read;
    private final Optional<RoundTenants> tenants;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    /** Makes and deletes the rounds' tenants, on a channel of its own (it connects only if used). */
    private final TenantsGrpc.TenantsBlockingStub admin;

    /** @param target the controller's gRPC address, {@code host:port} */
    private GrpcLoad(String target, String token, Optional<Read> read, Optional<RoundTenants> tenants) {
        this.target = target;
        this.credentials = new Metadata();
        credentials.put(AUTHORIZATION, "Bearer " + token);
        this.read = read;
        this.tenants = tenants;
        this.admin = authorized(TenantsGrpc.newBlockingStub(channel()));
    }

    static GrpcLoad read(String target, String token, Read read) {
        return new GrpcLoad(target, token, Optional.of(read), Optional.empty());
    }

    static GrpcLoad networkCreation(String target, String token, RoundTenants tenants) {
        return new GrpcLoad(target, token, Optional.empty(), Optional.of(tenants));
    }

    @Override
    public Protocol protocol() {
        return Protocol.GRPC;
    }

    @Override
    public String operation() {
        return read.map(r -> "weft.v1.Topology/" + r.grpcMethod()).orElse("weft.v1.VirtualNetworks/CreateNetwork");
    }

    @Override
    public String unit() {
        return read.isPresent() ? "requests" : "networks";
    }

    @Override
    public Client client() {
        ManagedChannel channel = channel();
        if (read.isPresent()) {
            TopologyGrpc.TopologyBlockingStub topology = authorized(TopologyGrpc.newBlockingStub(channel));
            Supplier<MessageLite> list = switch (read.get()) {
                case DEVICES -> () -> timed(topology).listDevices(ListDevicesRequest.getDefaultInstance());
                case LINKS -> () -> timed(topology).listLinks(ListLinksRequest.getDefaultInstance());
                case HOSTS -> () -> timed(topology).listHosts(ListHostsRequest.getDefaultInstance());
            };
            return (round, n) -> call(list);
        }
        RoundTenants where = tenants.orElseThrow();
        VirtualNetworksGrpc.VirtualNetworksBlockingStub networks = authorized(
                VirtualNetworksGrpc.newBlockingStub(channel));
        return (round, n) -> call(() -> timed(networks).createNetwork(CreateNetworkRequest.newBuilder()
                .setTenant(where.tenant(round)).setId(RoundTenants.network(n))
                .setKind(NetworkKind.NETWORK_KIND_BIG_SWITCH).build()));
    }

    @Override
    public void beforeRound(int round) throws InterruptedException {
        if (tenants.isPresent()) {
            String tenant = tenants.get().tenant(round);
            must(() -> timed(admin).createTenant(CreateTenantRequest.newBuilder().setId(tenant).build()),
                    "create tenant " + tenant);
        }
    }

    @Override
    public void afterRound(int round) throws InterruptedException {
        if (tenants.isPresent()) {
            String tenant = tenants.get().tenant(round);
            must(() -> timed(admin).deleteTenant(DeleteTenantRequest.newBuilder().setTenant(tenant).build()),
                    "delete tenant " + tenant);
        }
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ManagedChannel channel() {
        ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext()
                .maxInboundMessageSize(GrpcApi.MAX_RESPONSE_MESSAGE_BYTES).build();
        channels.add(channel);
        return channel;
    }

    private <S extends AbstractStub<S>> S authorized(S stub) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    }

    private static <S extends AbstractStub<S>> S timed(S stub) {
        return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Answer call(Supplier<? extends MessageLite> call) throws InterruptedException {
        try {
            return Answer.ok(call.get().getSerializedSize());
        } catch (StatusRuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during a gRPC call");
            }
            return Answer.problem("refused." + e.getStatus().getCode().name().toLowerCase(Locale.ROOT),
                    e.getStatus().getDescription());
        }
    }

    /** A call that readies a round: if it fails, the round cannot be measured at all. */
    private static void must(Supplier<? extends MessageLite> call, String what) throws InterruptedException {
        Answer answer = call(call);
        if (!answer.succeeded()) {
            throw new IllegalStateException("gRPC: could not " + what + ": " + answer.problem() + " "
                    + answer.detail());
        }
    }
}

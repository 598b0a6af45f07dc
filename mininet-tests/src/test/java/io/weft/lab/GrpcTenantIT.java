package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.AddPortRequest;
import io.weft.northbound.grpc.v1.Attachment;
import io.weft.northbound.grpc.v1.CreateAttachmentRequest;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.Event;
import io.weft.northbound.grpc.v1.EventsGrpc;
import io.weft.northbound.grpc.v1.IssuedToken;
import io.weft.northbound.grpc.v1.ListNetworksRequest;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc;
import io.weft.northbound.grpc.v1.WatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants, attachments and networks made entirely over gRPC, through the generated Java client,
 * as an orchestration tool would: each tenant's hosts reach each other and nothing else. A
 * watch stream, opened before anything is made, records the run: the tenants' networks, the
 * hosts the compiler learns, and a cable that goes down.
 */
class GrpcTenantIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TRIES = 5;
    private static final int CROSS_TRIES = 2;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);
    private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    @Test
    void tenantsMadeOverGrpcAreIsolated() throws InterruptedException {
        // leafspine,2,2,3: h1, h2, h3 on leaf s3; h4, h5, h6 on leaf s4.
        Map<String, List<String>> hostsOf = new LinkedHashMap<>();
        hostsOf.put("blue", List.of("h1", "h4"));
        hostsOf.put("red", List.of("h2", "h5"));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", lab.controller().apiPort())
                .usePlaintext().build();
        try (MininetNetwork network = lab.network("leafspine,2,2,3", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            List<Event> watched = new CopyOnWriteArrayList<>();
            authorized(EventsGrpc.newStub(channel), lab.controller().adminToken())
                    .watch(WatchRequest.getDefaultInstance(), recorder(watched));
            TenantsGrpc.TenantsBlockingStub admin = authorized(TenantsGrpc.newBlockingStub(channel),
                    lab.controller().adminToken());
            hostsOf.forEach((tenant, hosts) -> {
                IssuedToken token = admin.createTenant(CreateTenantRequest.newBuilder().setId(tenant).build());
                List<Attachment> attachments = new ArrayList<>();
                for (String host : hosts) {
                    WeftApi.ConnectPoint at = wiring.location(host);
                    attachments.add(admin.createAttachment(CreateAttachmentRequest.newBuilder().setTenant(tenant)
                            .setDevice(at.device()).setPort(at.port()).build()));
                }
                VirtualNetworksGrpc.VirtualNetworksBlockingStub own = authorized(
                        VirtualNetworksGrpc.newBlockingStub(channel), token.getToken());
                own.createNetwork(CreateNetworkRequest.newBuilder().setTenant(tenant).setId("web")
                        .setKind(NetworkKind.NETWORK_KIND_BIG_SWITCH).build());
                attachments.forEach(attachment -> own.addPort(AddPortRequest.newBuilder().setTenant(tenant)
                        .setNetwork("web").setAttachment(attachment.getId()).build()));
                assertThat(own.listNetworks(ListNetworksRequest.newBuilder().setTenant(tenant).build())
                        .getNetworksList()).as("%s's networks over gRPC", tenant).hasSize(1);
                assertThat(lab.api().get("/api/v1/tenants/" + tenant + "/networks/web/ports").path("ports").size())
                        .as("%s's ports made over gRPC, seen over REST", tenant).isEqualTo(hosts.size());
            });

            List<String> report = new ArrayList<>();
            hostsOf.forEach((tenant, hosts) -> {
                PingReport inside = network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false);
                assertReachability(inside, Set.copyOf(pairsAmong(hosts)));
                report.add(tenant + " " + inside);
            });
            List<HostPair> across = List.of(new HostPair("h1", "h5"), new HostPair("h2", "h4"),
                    new HostPair("h4", "h2"), new HostPair("h5", "h1"));
            PingReport crossing = network.pingPairs(across, CROSS_TRIES, PING_DEADLINE, true);
            assertThat(crossing.reached()).as("pings between the tenants that got a reply (%s)", crossing).isEmpty();

            network.linkDown("s3", "s1");
            String s3 = wiring.deviceId("s3");
            Poll.until("the watch to record the s3-s1 cable going down and the tenants' hosts", WATCH_TIMEOUT,
                    () -> List.copyOf(watched), events -> events.stream().anyMatch(e -> e.getType().equals(
                            "link.removed") && e.getJson().contains(s3)) && events.stream()
                            .filter(e -> e.getType().equals("virtual_host.added")).count() >= hostsOf.size());
            List<Long> revisions = watched.stream().map(Event::getRevision).toList();
            assertThat(revisions).as("revisions in the order received").isSorted().doesNotHaveDuplicates();
            assertThat(watched).extracting(Event::getType).contains("tenant.added", "network.added",
                    "virtual_port.added");
            network.linkUp("s3", "s1");
            System.out.printf("[lab] tenants made over gRPC: %s; across tenants %d/%d lost; the watch recorded %d"
                    + " events%n", report, crossing.unreached().size(), across.size(), watched.size());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static StreamObserver<Event> recorder(List<Event> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Event event) {
                into.add(event);
            }

            @Override
            public void onError(Throwable error) {
                // The channel is shut down at the end of the test: the stream ends with it.
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static <S extends AbstractStub<S>> S authorized(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}

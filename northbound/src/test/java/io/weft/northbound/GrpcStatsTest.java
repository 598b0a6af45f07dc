package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.weft.northbound.grpc.v1.ConnectPoint;
import io.weft.northbound.grpc.v1.DeviceStats;
import io.weft.northbound.grpc.v1.FlowEntry;
import io.weft.northbound.grpc.v1.GetDeviceStatsRequest;
import io.weft.northbound.grpc.v1.GetNetworkStatsRequest;
import io.weft.northbound.grpc.v1.ListFlowsRequest;
import io.weft.northbound.grpc.v1.ListFlowsResponse;
import io.weft.northbound.grpc.v1.NetworkStats;
import io.weft.northbound.grpc.v1.PhysicalPort;
import io.weft.northbound.grpc.v1.PortStats;
import io.weft.northbound.grpc.v1.TableStats;
import io.weft.northbound.grpc.v1.VirtualPortStats;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.FlowStats;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.Traffic;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Statistics over gRPC, the same as over REST ({@link StatsApiTest}): a device's ports and
 * tables for the admin, the flow list's counters, and a virtual network's edge traffic as the
 * admin and its tenant see it. s1 has been polled, s2 (connected) not yet, sab is known but
 * disconnected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcStatsTest {
    private static final String ADMIN = TestNetwork.TOKEN;
    private static final DeviceId SAB = DeviceId.deviceId("of:00000000000000ab");
    private static final Instant POLLED = Instant.parse("2026-01-02T03:04:00Z");
    private static final Timestamp POLLED_AT = Timestamp.newBuilder().setSeconds(POLLED.getEpochSecond()).build();
    private static final FlowRule COUNTED = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
            .withEthDst(MacAddress.valueOf(3)), List.of(Action.output(PortNumber.portNumber(2))),
            Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0);
    private static final FlowRule UNCOUNTED = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(2))
            .withEthDst(MacAddress.valueOf(1)), List.of(Action.output(PortNumber.portNumber(1))),
            Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0);

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient rest;
    private GrpcClient grpc;
    private String blue;
    private String red;

    @BeforeAll
    void start() {
        net.connect(SAB, 1);
        net.devices.deviceDisconnected(SAB);
        blue = net.blueTenant();
        red = net.tenants.admin.createTenant(new TenantId("red")).token();
        net.tenants.admin.addPort(TestNetwork.WEB, VirtualPort.BIG_SWITCH, Optional.of("att-2"));
        net.flowRules.install(COUNTED);
        net.flowRules.install(UNCOUNTED);
        net.flowRules.install(new FlowRule(S2, 0, 1, TrafficMatch.ANY, List.of(), 0x1234L, 0, 0));
        net.stats.put(S1, new io.weft.southbound.stats.DeviceStats(S1, POLLED,
                List.of(new io.weft.southbound.stats.PortStats(PortNumber.portNumber(1), 10, 11, 1000, 1100, 0, 1, 2, 3)),
                List.of(new FlowStats(COUNTED, 42, 4200, Duration.ofSeconds(9))),
                List.of(new io.weft.southbound.stats.TableStats(0, 3, 500, 450)), 1));
        net.networkStats.put(TestNetwork.WEB, VirtualNetworkStats.of(TestNetwork.WEB, List.of(
                new io.weft.topology.virtual.VirtualPortStats(new VirtualPortId(VirtualPort.BIG_SWITCH, 1), "att-1",
                        new Traffic(5, 500), new Traffic(3, 300), Optional.of(POLLED)),
                io.weft.topology.virtual.VirtualPortStats.notPolled(new VirtualPortId(VirtualPort.BIG_SWITCH, 2),
                        "att-2"))));
        api = net.api();
        rest = new ApiClient(api.start(), ADMIN);
        grpc = new GrpcClient(api.grpcAddress());
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    private DeviceStats deviceStats(String token, String device) {
        return grpc.topology(token).getDeviceStats(GetDeviceStatsRequest.newBuilder().setDevice(device).build());
    }

    private NetworkStats networkStats(String token, String tenant, String network) {
        return grpc.networks(token).getNetworkStats(GetNetworkStatsRequest.newBuilder().setTenant(tenant)
                .setNetwork(network).build());
    }

    @Test
    void aPolledDeviceShowsItsPortsTablesAndWhen() {
        assertThat(deviceStats(ADMIN, "of:0000000000000001")).isEqualTo(DeviceStats.newBuilder()
                .setDevice("of:0000000000000001").setPolled(true).setPolledAt(POLLED_AT)
                .addPorts(PortStats.newBuilder().setPort(1).setRxPackets(10).setTxPackets(11).setRxBytes(1000)
                        .setTxBytes(1100).setRxDropped(0).setTxDropped(1).setRxErrors(2).setTxErrors(3))
                .addTables(TableStats.newBuilder().setTable(0).setActiveEntries(3).setLookups(500).setMatches(450))
                .setFlowCount(1).setInexpressibleFlows(1).build());
    }

    @Test
    void aDeviceWithoutStatisticsSaysWhy() {
        DeviceStats notYet = deviceStats(ADMIN, "of:0000000000000002");
        assertThat(notYet.getPolled()).isFalse();
        assertThat(notYet.hasPolledAt()).isFalse();
        assertThat(notYet.getPortsList()).isEmpty();
        assertThat(notYet.getTablesList()).isEmpty();
        assertThat(notYet.getMessage()).isEqualTo(
                "not polled yet: statistics appear once the first poll since the device connected completes");
        assertThat(deviceStats(ADMIN, "of:00000000000000ab").getMessage()).startsWith("the device is not connected");
    }

    @Test
    void deviceStatisticsAreRefusedToATenantAndForAnUnknownOrMalformedDevice() {
        long denied = net.counters.get("grpc.refused.permission_denied");
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> deviceStats(blue, "of:0000000000000001")))
                .isEqualTo("the physical fabric is for the admin token only");
        assertThat(net.counters.get("grpc.refused.permission_denied")).isEqualTo(denied + 1);
        assertThat(refused(Status.Code.NOT_FOUND, () -> deviceStats(ADMIN, "of:00000000000000ff")))
                .isEqualTo("no device of:00000000000000ff");
        refused(Status.Code.INVALID_ARGUMENT, () -> deviceStats(ADMIN, "s1"));
    }

    @Test
    void flowsCarryWhatTheLatestPollCountedForThem() {
        ListFlowsResponse s1 = grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder()
                .setDevice("of:0000000000000001").build());
        assertThat(s1.getPolledAt()).isEqualTo(POLLED_AT);
        FlowEntry counted = s1.getFlowsList().stream().filter(f -> f.getMatch().getInPort() == 1).findFirst()
                .orElseThrow();
        FlowEntry uncounted = s1.getFlowsList().stream().filter(f -> f.getMatch().getInPort() == 2).findFirst()
                .orElseThrow();
        assertThat(counted.hasPackets()).isTrue();
        assertThat(counted.getPackets()).isEqualTo(42);
        assertThat(counted.getBytes()).isEqualTo(4200);
        assertThat(uncounted.hasPackets()).as("not in the poll").isFalse();
        assertThat(uncounted.hasBytes()).isFalse();

        ListFlowsResponse s2 = grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder()
                .setDevice("of:0000000000000002").build());
        assertThat(s2.hasPolledAt()).isFalse();
        assertThat(s2.getFlows(0).hasPackets()).isFalse();
    }

    @Test
    void theAdminSeesANetworksEdgeTrafficWithPhysicalPlaces() {
        NetworkStats web = networkStats(ADMIN, "blue", "web");
        assertThat(web.getNetwork()).isEqualTo("web");
        assertThat(web.getSent().getPackets()).isEqualTo(5);
        assertThat(web.getReceived().getBytes()).isEqualTo(300);
        assertThat(web.getPortsList()).extracting(VirtualPortStats::getAttachment).containsExactly("att-1", "att-2");
        VirtualPortStats one = web.getPorts(0);
        assertThat(one.getPhysical()).isEqualTo(PhysicalPort.newBuilder().setPoint(ConnectPoint.newBuilder()
                .setDevice("of:0000000000000001").setPort(1)).build());
        assertThat(one.getPolled()).isTrue();
        assertThat(one.getPolledAt()).isEqualTo(POLLED_AT);
        assertThat(one.getSent().getBytes()).isEqualTo(500);
        VirtualPortStats two = web.getPorts(1);
        assertThat(two.getPhysical().getVlan()).isEqualTo(10);
        assertThat(two.getPolled()).as("a port whose switch was not polled").isFalse();
        assertThat(two.hasPolledAt()).isFalse();
        assertThat(two.getSent().getPackets()).isZero();
    }

    @Test
    void theTenantSeesItsOwnNetworksTrafficWithoutPhysicalIds() {
        NetworkStats web = networkStats(blue, "blue", "web");
        assertThat(web.getPortsList()).hasSize(2).allSatisfy(port -> assertThat(port.hasPhysical()).isFalse());
        assertThat(web.toString()).doesNotContain("of:000");
        assertThat(web.getSent().getPackets()).isEqualTo(5);

        long notFound = net.counters.get("grpc.refused.not_found");
        assertThat(refused(Status.Code.NOT_FOUND, () -> networkStats(red, "blue", "web")))
                .isEqualTo("no tenant blue");
        assertThat(refused(Status.Code.NOT_FOUND, () -> networkStats(blue, "blue", "nope")))
                .isEqualTo("no network nope");
        assertThat(net.counters.get("grpc.refused.not_found")).isEqualTo(notFound + 2);
    }

    @Test
    void whereNoStatisticsAreCollectedEveryEdgePortReadsNotPolled() {
        NetworkStats lab = networkStats(blue, "blue", "lab");
        assertThat(lab.getPortsList()).as("a network with internal ports only").isEmpty();
        assertThat(lab.getSent().getPackets()).isZero();
    }

    /** REST and gRPC answer the same statistics from the one service layer, and refuse alike. */
    @Test
    void networkStatisticsAreTheSameOnBothFaces() {
        for (String token : List.of(ADMIN, blue)) {
            JsonNode json = ApiClient.parse(rest.as(token, "GET", "/api/v1/tenants/blue/networks/web/stats", null)
                    .body());
            NetworkStats message = networkStats(token, "blue", "web");
            assertThat(message.getNetwork()).isEqualTo(json.get("network").asText());
            assertThat(message.getSent().getPackets()).isEqualTo(json.get("sent").get("packets").asLong());
            assertThat(message.getReceived().getBytes()).isEqualTo(json.get("received").get("bytes").asLong());
            assertThat(message.getPortsCount()).isEqualTo(json.get("ports").size());
            for (int i = 0; i < message.getPortsCount(); i++) {
                VirtualPortStats port = message.getPorts(i);
                JsonNode node = json.get("ports").get(i);
                assertThat(port.getId().getSwitch()).isEqualTo(node.get("switch").asText());
                assertThat(port.getId().getPort()).isEqualTo(node.get("port").asInt());
                assertThat(port.getAttachment()).isEqualTo(node.get("attachment").asText());
                assertThat(port.getPolled()).isEqualTo(node.get("polled").asBoolean());
                assertThat(port.hasPhysical()).isEqualTo(node.has("physical"));
                if (port.hasPhysical()) {
                    assertThat(port.getPhysical().getPoint().getDevice())
                            .isEqualTo(node.get("physical").get("device").asText());
                }
                assertThat(port.getSent().getBytes()).isEqualTo(node.get("sent").get("bytes").asLong());
                assertThat(port.getReceived().getPackets()).isEqualTo(node.get("received").get("packets").asLong());
            }
        }
        HttpResponse<String> foreign = rest.as(red, "GET", "/api/v1/tenants/blue/networks/web/stats", null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(refused(Status.Code.NOT_FOUND, () -> networkStats(red, "blue", "web")))
                .isEqualTo(ApiClient.parse(foreign.body()).get("message").asText());
        // REST refuses a tenant on an admin route before the service, in words of its own: only the status is shared.
        assertThat(rest.as(blue, "GET", "/api/v1/devices/of:0000000000000001/stats", null).statusCode())
                .isEqualTo(403);
        refused(Status.Code.PERMISSION_DENIED, () -> deviceStats(blue, "of:0000000000000001"));
    }
}

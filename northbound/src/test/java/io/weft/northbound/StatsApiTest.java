package io.weft.northbound;

import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;
import io.weft.topology.virtual.Traffic;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualPortStats;
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
 * Statistics over real HTTP: a device's ports and tables, the flow list's counters, and a
 * virtual network's edge traffic as the admin and its tenant see it. s1 has been polled, s2
 * (connected) not yet, sab is known but disconnected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiTest {
    private static final DeviceId SAB = DeviceId.deviceId("of:00000000000000ab");
    private static final Instant POLLED = Instant.parse("2026-01-02T03:04:00Z");
    private static final FlowRule COUNTED = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
            .withEthDst(MacAddress.valueOf(3)), List.of(Action.output(PortNumber.portNumber(2))),
            Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0);
    /** Believed on s1 but not in its statistics (removed by hand, say). */
    private static final FlowRule UNCOUNTED = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(2))
            .withEthDst(MacAddress.valueOf(1)), List.of(Action.output(PortNumber.portNumber(1))),
            Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0);

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient client;
    private String blueToken;

    @BeforeAll
    void start() {
        net.connect(SAB, 1);
        net.devices.deviceDisconnected(SAB);
        blueToken = net.blueTenant();
        net.flowRules.install(COUNTED);
        net.flowRules.install(UNCOUNTED);
        net.flowRules.install(new FlowRule(S2, 0, 1, TrafficMatch.ANY, List.of(), 0x1234L, 0, 0));
        FlowRule other = new FlowRule(S1, 0, 5, TrafficMatch.ANY, List.of(Action.output(PortNumber.CONTROLLER)),
                0x99L, 0, 0);
        net.stats.put(S1, new DeviceStats(S1, POLLED,
                List.of(new PortStats(PortNumber.portNumber(1), 10, 11, 1000, 1100, 0, 1, 2, 3),
                        new PortStats(PortNumber.portNumber(2), 20, 21, 2000, 2100, 4, 5, 6, 7)),
                List.of(new FlowStats(COUNTED, 42, 4200, Duration.ofSeconds(9)),
                        new FlowStats(other, 7, 700, Duration.ofSeconds(60))),
                List.of(new TableStats(0, 3, 500, 450)), 1));
        api = net.api();
        client = new ApiClient(api.start(), TestNetwork.TOKEN);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static JsonNode json(String text) {
        return ApiClient.parse(text);
    }

    @Test
    void aPolledDeviceShowsItsPortsTablesAndWhen() {
        assertThat(client.json("/api/v1/devices/of:0000000000000001/stats")).isEqualTo(json("""
                {"device":"of:0000000000000001","polled":true,"polledAt":"2026-01-02T03:04:00Z",
                 "ports":[
                  {"port":1,"rxPackets":10,"txPackets":11,"rxBytes":1000,"txBytes":1100,
                   "rxDropped":0,"txDropped":1,"rxErrors":2,"txErrors":3},
                  {"port":2,"rxPackets":20,"txPackets":21,"rxBytes":2000,"txBytes":2100,
                   "rxDropped":4,"txDropped":5,"rxErrors":6,"txErrors":7}],
                 "tables":[{"table":0,"activeEntries":3,"lookups":500,"matches":450}],
                 "flowCount":2,"inexpressibleFlows":1}
                """));
    }

    @Test
    void aDeviceWithoutStatisticsSaysWhy() {
        assertThat(client.json("/api/v1/devices/of:0000000000000002/stats")).isEqualTo(json("""
                {"device":"of:0000000000000002","polled":false,
                 "message":"not polled yet: statistics appear once the first poll since the device connected completes",
                 "ports":[],"tables":[]}
                """));
        JsonNode disconnected = client.json("/api/v1/devices/of:00000000000000AB/stats");
        assertThat(disconnected.get("polled").asBoolean()).isFalse();
        assertThat(disconnected.get("message").asText()).startsWith("the device is not connected");
    }

    @Test
    void statisticsOfAnUnknownOrMalformedDeviceOrForATenantAreRefused() {
        long notFound = net.counters.get("api.refused.not_found");
        HttpResponse<String> unknown = client.get("/api/v1/devices/of:00000000000000ff/stats");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).get("message").asText()).isEqualTo("no device of:00000000000000ff");
        assertThat(net.counters.get("api.refused.not_found")).isEqualTo(notFound + 1);
        assertThat(client.get("/api/v1/devices/s1/stats").statusCode()).isEqualTo(400);
        assertThat(client.as(blueToken, "GET", "/api/v1/devices/of:0000000000000001/stats", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void flowsCarryWhatTheLatestPollCountedForThem() {
        JsonNode body = client.json("/api/v1/devices/of:0000000000000001/flows");
        assertThat(body.get("polledAt").asText()).isEqualTo("2026-01-02T03:04:00Z");
        JsonNode flows = body.get("flows");
        assertThat(flows).hasSize(2);
        JsonNode counted = flows.get(0).get("match").get("inPort").asInt() == 1 ? flows.get(0) : flows.get(1);
        JsonNode uncounted = counted == flows.get(0) ? flows.get(1) : flows.get(0);
        assertThat(counted.get("packets").asLong()).isEqualTo(42);
        assertThat(counted.get("bytes").asLong()).isEqualTo(4200);
        assertThat(uncounted.has("packets")).as("not in the poll").isFalse();
        assertThat(uncounted.has("bytes")).isFalse();

        JsonNode unpolled = client.json("/api/v1/devices/of:0000000000000002/flows");
        assertThat(unpolled.has("polledAt")).isFalse();
        assertThat(unpolled.get("flows").get(0).has("packets")).isFalse();
    }

    @Test
    void aNetworksEdgeTrafficForTheAdminWithPhysicalPlaces() {
        putWebStats();
        assertThat(client.json("/api/v1/tenants/blue/networks/web/stats")).isEqualTo(json("""
                {"network":"web","sent":{"packets":5,"bytes":500},"received":{"packets":3,"bytes":300},
                 "ports":[
                  {"switch":"big","port":1,"attachment":"att-1",
                   "physical":{"device":"of:0000000000000001","port":1},
                   "polled":true,"polledAt":"2026-01-02T03:04:00Z",
                   "sent":{"packets":5,"bytes":500},"received":{"packets":3,"bytes":300}},
                  {"switch":"big","port":2,"attachment":"att-2",
                   "physical":{"device":"of:0000000000000003","port":1,"vlan":10},
                   "polled":false,"sent":{"packets":0,"bytes":0},"received":{"packets":0,"bytes":0}}]}
                """));
    }

    @Test
    void theTenantSeesItsNetworksTrafficWithoutPhysicalIds() {
        putWebStats();
        HttpResponse<String> response = client.as(blueToken, "GET", "/api/v1/tenants/blue/networks/web/stats", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.get("ports")).hasSize(2).allSatisfy(port -> assertThat(port.has("physical")).isFalse());
        assertThat(response.body()).doesNotContain("of:000").doesNotContain("\"vlan\"");
        assertThat(body.get("sent")).isEqualTo(json("{\"packets\":5,\"bytes\":500}"));

        String red = json(client.as(TestNetwork.TOKEN, "POST", "/api/v1/tenants", "{\"id\":\"red\"}").body())
                .get("token").asText();
        assertThat(client.as(red, "GET", "/api/v1/tenants/blue/networks/web/stats", null).statusCode())
                .isEqualTo(404);
        assertThat(client.as(blueToken, "GET", "/api/v1/tenants/blue/networks/nope/stats", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void whereNoStatisticsAreCollectedEveryEdgePortReadsNotPolled() {
        HttpResponse<String> lab = client.as(blueToken, "GET", "/api/v1/tenants/blue/networks/lab/stats", null);
        assertThat(lab.statusCode()).isEqualTo(200);
        assertThat(json(lab.body())).as("a network with internal ports only").isEqualTo(json("""
                {"network":"lab","sent":{"packets":0,"bytes":0},"received":{"packets":0,"bytes":0},"ports":[]}
                """));
        secondWebPort();
        net.networkStats.remove(TestNetwork.WEB);
        JsonNode web = client.json("/api/v1/tenants/blue/networks/web/stats");
        assertThat(web.get("ports")).extracting(p -> p.get("attachment").asText() + "/" + p.get("polled").asBoolean())
                .containsExactly("att-1/false", "att-2/false");
    }

    /** web's port 1 polled, port 2 (on att-2) not. */
    private void putWebStats() {
        secondWebPort();
        VirtualPortStats one = new VirtualPortStats(new VirtualPortId(VirtualPort.BIG_SWITCH, 1), "att-1",
                new Traffic(5, 500), new Traffic(3, 300), Optional.of(POLLED));
        VirtualPortStats two = VirtualPortStats.notPolled(new VirtualPortId(VirtualPort.BIG_SWITCH, 2), "att-2");
        net.networkStats.put(TestNetwork.WEB, VirtualNetworkStats.of(TestNetwork.WEB, List.of(one, two)));
    }

    private synchronized void secondWebPort() {
        if (net.tenants.manager.port(TestNetwork.WEB, new VirtualPortId(VirtualPort.BIG_SWITCH, 2)).isEmpty()) {
            net.tenants.admin.addPort(TestNetwork.WEB, VirtualPort.BIG_SWITCH, Optional.of("att-2"));
        }
    }
}

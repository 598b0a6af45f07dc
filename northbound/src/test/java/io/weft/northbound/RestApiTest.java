package io.weft.northbound;

import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static io.weft.northbound.TestNetwork.S3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.Port;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Every read endpoint's JSON, field by field, over real HTTP against the real topology managers.
 * One server for the class (stopping one takes Netty's two-second quiet period); the tests only
 * read the network built here, except the last, which builds its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {
    private static final DeviceId SAB = DeviceId.deviceId("of:00000000000000ab");

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient client;

    @BeforeAll
    void start() {
        net.taggedHost(0x10, (short) 100, TestNetwork.S2, 1);
        net.connect(SAB, 1);
        net.devices.deviceDisconnected(SAB);
        installFlows();
        api = net.api();
        client = new ApiClient(api.start(), TestNetwork.TOKEN);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private void installFlows() {
        FlowRule forward = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
                .withEthSrc(MacAddress.valueOf(1)).withEthDst(MacAddress.valueOf(3)).withEthType(0x0800),
                List.of(Action.output(PortNumber.portNumber(2))), Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0);
        FlowRule tableMiss = new FlowRule(S1, 0, 0, TrafficMatch.ANY, List.of(Action.output(PortNumber.CONTROLLER)),
                Cookies.cookie(AppId.CORE, 0), 0, 0);
        FlowRule flood = new FlowRule(S3, 0, 5, TrafficMatch.ANY.withEthDst(MacAddress.BROADCAST),
                List.of(Action.output(PortNumber.FLOOD), Action.output(PortNumber.IN_PORT)),
                Cookies.cookie(new AppId(9, "gone"), 7), 0, 60);
        net.flowRules.install(forward);
        net.flowRules.install(tableMiss);
        net.flowRules.refuse(S3, "OFPET_BAD_ACTION/OFPBAC_BAD_OUT_PORT").install(flood);
        net.retriedRules(S3);
        net.flowRules.hold(S2).install(new FlowRule(S2, 1, 1, TrafficMatch.ANY, List.of(), 0x1234L, 0, 0));
        FlowRule tagFromUntagged = new FlowRule(SAB, 0, 30, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
                .withVlan(VlanId.NONE), List.of(Action.pushVlan(VlanId.vlanId((short) 2001)),
                Action.output(PortNumber.portNumber(2))), Cookies.cookie(TestNetwork.FORWARDING, 1), 0, 0);
        FlowRule retag = new FlowRule(SAB, 0, 20, TrafficMatch.ANY.withInPort(PortNumber.portNumber(2))
                .withVlan(VlanId.vlanId((short) 2001)), List.of(Action.setVlan(VlanId.vlanId((short) 100)),
                Action.output(PortNumber.portNumber(3)), Action.popVlan(), Action.output(PortNumber.portNumber(1))),
                Cookies.cookie(TestNetwork.FORWARDING, 1), 0, 0);
        net.flowRules.install(tagFromUntagged);
        net.flowRules.install(retag);
    }

    private static JsonNode json(String text) {
        return ApiClient.parse(text);
    }

    @Test
    void devicesListsEverySwitchWithItsPorts() {
        JsonNode devices = client.json("/api/v1/devices").get("devices");
        assertThat(devices).extracting(d -> d.get("id").asText())
                .containsExactly("of:0000000000000001", "of:0000000000000002", "of:0000000000000003",
                        "of:0000000000000004", "of:00000000000000ab");
        assertThat(devices.get(0)).isEqualTo(json("""
                {"id":"of:0000000000000001","available":true,"protocol":"OF_13","manufacturer":"Nicira, Inc.",
                 "hardware":"Open vSwitch","software":"3.1.0","serial":"None","ports":[
                  {"port":1,"name":"s1-eth1","up":true,"mac":"BE:EF:00:00:01:01","speedMbps":10000},
                  {"port":2,"name":"s1-eth2","up":true,"mac":"BE:EF:00:00:01:02","speedMbps":10000}]}
                """));
    }

    @Test
    void oneDeviceByIdInEitherCaseAndADisconnectedOneIsStillThere() {
        assertThat(client.json("/api/v1/devices/of:0000000000000003").get("id").asText())
                .isEqualTo("of:0000000000000003");
        JsonNode disconnected = client.json("/api/v1/devices/of:00000000000000AB");
        assertThat(disconnected.get("id").asText()).isEqualTo("of:00000000000000ab");
        assertThat(disconnected.get("available").asBoolean()).isFalse();
    }

    @Test
    void linksListEachDirection() {
        JsonNode links = client.json("/api/v1/links").get("links");
        assertThat(links).hasSize(4);
        assertThat(links).contains(json("""
                {"src":{"device":"of:0000000000000001","port":2},"dst":{"device":"of:0000000000000002","port":2}}
                """), json("""
                {"src":{"device":"of:0000000000000002","port":2},"dst":{"device":"of:0000000000000001","port":2}}
                """));
    }

    @Test
    void hostsWithVlanAddressesLocationAndLastSeen() {
        JsonNode hosts = client.json("/api/v1/hosts").get("hosts");
        assertThat(hosts.get(0)).isEqualTo(json("""
                {"mac":"00:00:00:00:00:01","vlan":-1,"ips":["10.0.0.1"],
                 "location":{"device":"of:0000000000000001","port":1},"lastSeen":"2026-01-02T03:04:05Z"}
                """));
        assertThat(hosts).extracting(h -> h.get("mac").asText() + "/" + h.get("vlan").asInt())
                .containsExactly("00:00:00:00:00:01/-1", "00:00:00:00:00:03/-1", "00:00:00:00:00:04/-1",
                        "00:00:00:00:00:10/100");
        assertThat(hosts.get(3).get("ips")).isEmpty();
    }

    @Test
    void pathBetweenDevicesFollowsTheLinks() {
        assertThat(client.json("/api/v1/paths/of:0000000000000001/of:0000000000000003")).isEqualTo(json("""
                {"paths":[{"src":"of:0000000000000001","dst":"of:0000000000000003","cost":2.0,"links":[
                  {"src":{"device":"of:0000000000000001","port":2},"dst":{"device":"of:0000000000000002","port":2}},
                  {"src":{"device":"of:0000000000000002","port":3},"dst":{"device":"of:0000000000000003","port":2}}]}]}
                """));
        assertThat(client.json("/api/v1/paths/of:0000000000000002/of:0000000000000002")).isEqualTo(json("""
                {"paths":[{"src":"of:0000000000000002","dst":"of:0000000000000002","cost":0.0,"links":[]}]}
                """));
    }

    @Test
    void pathBetweenHostsRunsBetweenTheirEdgePorts() {
        assertThat(client.json("/api/v1/paths/00:00:00:00:00:03/00:00:00:00:00:01")).isEqualTo(json("""
                {"paths":[{"src":"00:00:00:00:00:03","dst":"00:00:00:00:00:01",
                  "srcEdge":{"device":"of:0000000000000003","port":1},
                  "dstEdge":{"device":"of:0000000000000001","port":1},"cost":2.0,"links":[
                  {"src":{"device":"of:0000000000000003","port":2},"dst":{"device":"of:0000000000000002","port":3}},
                  {"src":{"device":"of:0000000000000002","port":2},"dst":{"device":"of:0000000000000001","port":2}}]}]}
                """));
    }

    @Test
    void noPathIsAnEmptyList() {
        assertThat(client.json("/api/v1/paths/of:0000000000000001/of:0000000000000004")).isEqualTo(json("""
                {"paths":[]}"""));
        assertThat(client.json("/api/v1/paths/00:00:00:00:00:01/00:00:00:00:00:04")).isEqualTo(json("""
                {"paths":[]}"""));
        // Known but disconnected: not in the fabric, so no path, but no 404 either.
        assertThat(client.json("/api/v1/paths/of:0000000000000001/of:00000000000000ab")).isEqualTo(json("""
                {"paths":[]}"""));
    }

    @Test
    void flowsShowStateOwnerMatchActionsAndErrors() {
        assertThat(client.json("/api/v1/devices/of:0000000000000001/flows")).isEqualTo(json("""
                {"flows":[
                 {"table":0,"priority":10,"match":{"inPort":1,"ethSrc":"00:00:00:00:00:01",
                   "ethDst":"00:00:00:00:00:03","ethType":"0x0800"},"actions":[{"type":"OUTPUT","port":"2"}],
                  "cookie":"0x5701000000000000","idleTimeout":30,"hardTimeout":0,"state":"INSTALLED",
                  "appId":1,"app":"forwarding"},
                 {"table":0,"priority":0,"match":{},"actions":[{"type":"OUTPUT","port":"CONTROLLER"}],
                  "cookie":"0x5700000000000000","idleTimeout":0,"hardTimeout":0,"state":"INSTALLED",
                  "appId":0,"app":"core"}]}
                """));
        assertThat(client.json("/api/v1/devices/of:0000000000000003/flows")).isEqualTo(json("""
                {"flows":[
                 {"table":0,"priority":5,"match":{"ethDst":"FF:FF:FF:FF:FF:FF"},
                  "actions":[{"type":"OUTPUT","port":"FLOOD"},{"type":"OUTPUT","port":"IN_PORT"}],
                  "cookie":"0x5709000000000007","idleTimeout":0,"hardTimeout":60,"state":"FAILED",
                  "appId":9,"app":"unknown","error":"OFPET_BAD_ACTION/OFPBAC_BAD_OUT_PORT"},
                 {"table":0,"priority":4,"match":{},"actions":[],"cookie":"0x5701000000000000","idleTimeout":0,
                  "hardTimeout":0,"state":"FAILED","appId":1,"app":"forwarding",
                  "error":"OFPET_BAD_ACTION/OFPBAC_BAD_OUT_PORT","attempts":2,"nextRetry":"2026-01-02T03:04:09Z"},
                 {"table":0,"priority":3,"match":{},"actions":[],"cookie":"0x5701000000000000","idleTimeout":0,
                  "hardTimeout":0,"state":"FAILED","appId":1,"app":"forwarding",
                  "error":"gave up after 6 attempt(s): TABLE_FULL","attempts":6,"gaveUp":true}]}
                """));
        JsonNode pending = client.json("/api/v1/devices/of:0000000000000002/flows").get("flows").get(0);
        assertThat(pending.get("state").asText()).isEqualTo("PENDING");
        assertThat(pending.get("app").asText()).isEqualTo("none");
        assertThat(pending.get("appId").asInt()).isEqualTo(-1);
        assertThat(pending.get("actions")).isEmpty();
        assertThat(pending.has("error")).isFalse();
        assertThat(client.json("/api/v1/devices/of:0000000000000004/flows")).isEqualTo(json("{\"flows\":[]}"));
    }

    @Test
    void flowsShowVlanMatchesAndTagActions() {
        assertThat(client.json("/api/v1/devices/of:00000000000000ab/flows").get("flows"))
                .extracting(f -> f.get("match"), f -> f.get("actions")).containsExactly(
                        tuple(json("""
                                {"inPort":1,"vlan":"untagged"}"""), json("""
                                [{"type":"PUSH_VLAN","vlan":2001},{"type":"OUTPUT","port":"2"}]""")),
                        tuple(json("""
                                {"inPort":2,"vlan":2001}"""), json("""
                                [{"type":"SET_VLAN","vlan":100},{"type":"OUTPUT","port":"3"},
                                 {"type":"POP_VLAN"},{"type":"OUTPUT","port":"1"}]""")));
    }

    @Test
    void healthNeedsNoCredentials() {
        HttpResponse<String> response = client.send("GET", "/api/v1/health", Optional.empty());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body())).isEqualTo(json("{\"status\":\"ok\"}"));
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void pathsFollowTheTopologyAsLinksGoDown() {
        TestNetwork own = TestNetwork.linearWithIsland();
        try (RestApi ownApi = own.api()) {
            ApiClient ownClient = new ApiClient(ownApi.start(), TestNetwork.TOKEN);
            String path = "/api/v1/paths/of:0000000000000001/of:0000000000000003";
            assertThat(ownClient.json(path).get("paths")).hasSize(1);
            own.devices.portUpdated(S3, new Port(PortNumber.portNumber(2), "s3-eth2",
                    MacAddress.valueOf(0xbeef00000302L), false, 10_000));
            assertThat(ownClient.json(path).get("paths")).isEmpty();
            assertThat(ownClient.json("/api/v1/links").get("links")).hasSize(2);
        }
    }
}

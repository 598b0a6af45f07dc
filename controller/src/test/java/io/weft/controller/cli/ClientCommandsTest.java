package io.weft.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.controller.Weft;
import io.weft.controller.WeftConfig;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.Port;
import io.weft.topology.host.HostKey;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Every client subcommand against a real controller on free loopback ports: its table, its
 * {@code --json}, and what it changed, seen through the API. One controller for the class; each
 * test works on its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandsTest {
    private static final String ADMIN = "cli-test-admin-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceId S2 = DeviceIds.fromDatapathId(2);

    private Path dir;
    private Weft weft;
    private Cli admin;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        WeftConfig d = WeftConfig.DEFAULTS;
        weft = new Weft(new WeftConfig(dir.resolve("data"), d.openflow().withAddress("127.0.0.1").withPort(0),
                d.forwardingMode(), d.forwarding(), d.discovery(), d.hosts(), d.packetInQueue(), d.workerThreads(),
                d.api().withAddress("127.0.0.1").withPort(0).withAdminToken(ADMIN), d.events(), d.flowAuditInterval(),
                d.statsInterval(), d.foreignRules(), d.flowRetry())).start();
        admin = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:" + weft.apiAddress().getPort(), "WEFT_TOKEN", ADMIN),
                dir.resolve("no-client.yaml"));
        DeviceDescription ovs = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0", "None", "OF_13");
        weft.devices().deviceConnected(S1, ovs, List.of(port(1, true), port(2, true)));
        weft.devices().deviceConnected(S2, ovs, List.of(port(1, true), port(2, false)));
        weft.links().linkSeen(new Link(new ConnectPoint(S1, PortNumber.portNumber(2)),
                new ConnectPoint(S2, PortNumber.portNumber(1))));
        weft.hosts().hostSeen(HostKey.untagged(MacAddress.valueOf(1)), new ConnectPoint(S1, PortNumber.portNumber(1)),
                Optional.of(IpAddress.valueOf("10.0.0.1")));
    }

    @AfterAll
    void stop() throws InterruptedException {
        weft.close();
    }

    private static Port port(long n, boolean up) {
        return new Port(PortNumber.portNumber(n), "eth" + n, MacAddress.valueOf(0xbeef00L + n), up, 10_000);
    }

    private Cli.Result ok(Cli cli, String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static JsonNode json(Cli.Result result) throws Exception {
        return MAPPER.readTree(result.out());
    }

    private static List<String> lines(Cli.Result result) {
        return result.out().lines().toList();
    }

    @Test
    void devicesLinksAndHostsAsTablesAndJson() throws Exception {
        assertThat(lines(ok(admin, "devices"))).containsExactly(
                "DEVICE               AVAILABLE  PROTOCOL  PORTS UP  MANUFACTURER  SOFTWARE",
                "of:0000000000000001  yes        OF_13     2/2       Nicira, Inc.  3.1.0",
                "of:0000000000000002  yes        OF_13     1/2       Nicira, Inc.  3.1.0");
        assertThat(json(ok(admin, "devices", "--json")).at("/devices/1/ports/1/up").asBoolean()).isFalse();

        assertThat(lines(ok(admin, "links"))).containsExactly("SRC                    DST",
                "of:0000000000000001/2  of:0000000000000002/1");
        assertThat(json(ok(admin, "links", "--json")).at("/links/0/dst/port").asInt()).isEqualTo(1);

        List<String> hosts = lines(ok(admin, "hosts"));
        assertThat(hosts.get(0)).startsWith("MAC                VLAN  IPS       LOCATION               LAST SEEN");
        assertThat(hosts.get(1)).startsWith("00:00:00:00:00:01  -     10.0.0.1  of:0000000000000001/1  20");
        assertThat(json(ok(admin, "hosts", "--json")).at("/hosts/0/ips/0").asText()).isEqualTo("10.0.0.1");
    }

    @Test
    void flowsOfADeviceAndAnUnknownOne() throws Exception {
        assertThat(lines(ok(admin, "flows", S1.toString()))).first().asString()
                .startsWith("TABLE  PRIORITY  MATCH  ACTIONS  STATE  APP  IDLE  COOKIE");
        assertThat(json(ok(admin, "flows", S1.toString(), "--json")).has("flows")).isTrue();
        Cli.Result unknown = admin.run("flows", "of:00000000000000ff");
        assertThat(unknown.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(unknown.err()).isEqualTo("weft: no device of:00000000000000ff (HTTP 404)\n");
    }

    @Test
    void tenantsCreateListAndDelete() throws Exception {
        Cli.Result created = ok(admin, "tenants", "create", "green");
        assertThat(lines(created).get(0)).isEqualTo("created tenant green; its token (shown only now):");
        String token = lines(created).get(1);
        assertThat(token).hasSizeGreaterThan(30);
        JsonNode asJson = json(ok(admin, "tenants", "create", "teal", "--json"));
        assertThat(asJson.get("id").asText()).isEqualTo("teal");
        assertThat(asJson.get("token").asText()).isNotBlank();

        assertThat(lines(ok(admin, "tenants", "list"))).contains("TENANT  TOKENS  ATTACHMENTS  NETWORKS",
                "green   1       -            -", "teal    1       -            -");
        assertThat(json(ok(admin, "tenants", "list", "--json")).get("tenants")).extracting(t -> t.get("id").asText())
                .contains("green", "teal");
        assertThat(ok(admin, "tenants", "delete", "teal").out()).isEqualTo("deleted tenant teal\n");
        assertThat(json(ok(admin, "tenants", "list", "--json")).get("tenants")).extracting(t -> t.get("id").asText())
                .doesNotContain("teal");
        Cli.Result again = admin.run("tenants", "delete", "teal");
        assertThat(again.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(again.err()).contains("no tenant teal", "HTTP 404");
        Cli.Result duplicate = admin.run("tenants", "create", "green");
        assertThat(duplicate.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(duplicate.err()).contains("HTTP 409");
    }

    @Test
    void attachmentsCreateListAndDeleteAndATenantSeesNoPhysicalIds() throws Exception {
        String token = json(ok(admin, "tenants", "create", "amber", "--json")).get("token").asText();
        assertThat(ok(admin, "attachments", "create", "-t", "amber", "--device", S1.toString(), "--port", "11")
                .out()).matches("granted att-\\d+ to tenant amber\n");
        JsonNode tagged = json(ok(admin, "attachments", "create", "--tenant", "amber", "--device", S2.toString(),
                "--port", "12", "--vlan", "100", "--json"));
        assertThat(tagged.get("vlan").asInt()).isEqualTo(100);
        String second = tagged.get("id").asText();

        List<String> table = lines(ok(admin, "attachments", "list", "-t", "amber"));
        assertThat(table.get(0)).isEqualTo("ATTACHMENT  DEVICE               PORT  VLAN  BOUND TO");
        assertThat(table).anySatisfy(l -> assertThat(l).matches(second + " +of:0000000000000002 +12 +100 +-"));
        Cli amber = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:" + weft.apiAddress().getPort(), "WEFT_TOKEN",
                token), dir.resolve("none.yaml"));
        assertThat(ok(amber, "attachments", "list", "-t", "amber").out()).doesNotContain("of:");
        Cli.Result refused = amber.run("attachments", "delete", "-t", "amber", second);
        assertThat(refused.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(refused.err()).contains("for the admin token only", "HTTP 403");

        assertThat(ok(admin, "attachments", "delete", "-t", "amber", second).out())
                .isEqualTo("deleted " + second + " of tenant amber\n");
        assertThat(json(ok(admin, "attachments", "list", "-t", "amber", "--json")).get("attachments")).hasSize(1);
    }

    @Test
    void networksWithPortsSwitchesAndLinksAsATenantBuildsThem() throws Exception {
        String token = json(ok(admin, "tenants", "create", "blue", "--json")).get("token").asText();
        String attachment = json(ok(admin, "attachments", "create", "-t", "blue", "--device", S1.toString(),
                "--port", "1", "--vlan", "10", "--json")).get("id").asText();
        Cli blue = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:" + weft.apiAddress().getPort(), "WEFT_TOKEN",
                token), dir.resolve("none.yaml"));

        assertThat(ok(blue, "networks", "create", "-t", "blue", "web").out())
                .isEqualTo("created big-switch network web of tenant blue\n");
        assertThat(ok(blue, "networks", "ports", "add", "-t", "blue", "web", "--attachment", attachment).out())
                .isEqualTo("added port big:1 to network web\n");
        assertThat(lines(ok(blue, "networks", "ports", "list", "-t", "blue", "web")))
                .containsExactly("SWITCH  PORT  ATTACHMENT  PHYSICAL", "big     1     " + attachment + "       -");
        assertThat(lines(ok(admin, "networks", "ports", "list", "-t", "blue", "web")).get(1))
                .endsWith("of:0000000000000001/1 vlan 10");
        assertThat(lines(ok(blue, "networks", "list", "-t", "blue"))).containsExactly("NETWORK  KIND        TAG",
                "web      big-switch  -");
        assertThat(json(ok(admin, "networks", "list", "-t", "blue", "--json")).at("/networks/0/tag").asInt())
                .isPositive();

        JsonNode custom = json(ok(blue, "networks", "create", "-t", "blue", "lab", "--kind", "custom", "--json"));
        assertThat(custom.get("kind").asText()).isEqualTo("custom");
        ok(blue, "networks", "switches", "add", "-t", "blue", "lab", "vs1");
        ok(blue, "networks", "switches", "add", "-t", "blue", "lab", "vs2");
        ok(blue, "networks", "ports", "add", "-t", "blue", "lab", "--switch", "vs1");
        ok(blue, "networks", "ports", "add", "-t", "blue", "lab", "--switch", "vs2");
        assertThat(ok(blue, "networks", "links", "add", "-t", "blue", "lab", "vs1:1", "vs2:1").out())
                .isEqualTo("added link vs1:1-vs2:1 to network lab\n");
        assertThat(lines(ok(blue, "networks", "switches", "list", "-t", "blue", "lab")))
                .containsExactly("SWITCH  PORTS", "vs1     1", "vs2     1");

        List<String> shown = lines(ok(blue, "networks", "show", "-t", "blue", "lab"));
        assertThat(shown.get(0)).isEqualTo("network lab of tenant blue: custom");
        assertThat(shown).contains("SWITCH  PORT  ATTACHMENT  PHYSICAL", "vs1     1     -           -",
                "vs2     1     -           -", "LINK         STATE  PATH");
        assertThat(shown.getLast()).as("the path is the admin's to see").matches("vs1:1-vs2:1  \\w+ +-");
        assertThat(String.join("\n", shown)).doesNotContain("of:", "fabric tag");
        JsonNode topology = json(ok(blue, "networks", "show", "-t", "blue", "lab", "--json"));
        assertThat(topology.at("/links/0/id").asText()).isEqualTo("vs1:1-vs2:1");

        Cli.Result wrongEnd = blue.run("networks", "links", "add", "-t", "blue", "lab", "vs1", "vs2:1");
        assertThat(wrongEnd.exitCode()).isEqualTo(ClientException.USAGE);
        assertThat(wrongEnd.err()).contains("SRC must be SWITCH:PORT");
        ok(blue, "networks", "links", "delete", "-t", "blue", "lab", "vs1:1-vs2:1");
        ok(blue, "networks", "ports", "delete", "-t", "blue", "lab", "--switch", "vs2", "1");
        assertThat(json(ok(blue, "networks", "ports", "list", "-t", "blue", "lab", "--json")).get("ports")).hasSize(1);
        assertThat(ok(blue, "networks", "delete", "-t", "blue", "lab").out())
                .isEqualTo("deleted network lab of tenant blue\n");
        Cli.Result gone = blue.run("networks", "show", "-t", "blue", "lab");
        assertThat(gone.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(gone.err()).isEqualTo("weft: no network lab (HTTP 404)\n");
    }

    @Test
    void watchPrintsOneLinePerEventFromARevisionAndJsonForScripts() throws Exception {
        long from = weft.journal().head();
        ok(admin, "tenants", "create", "violet");
        ok(admin, "attachments", "create", "-t", "violet", "--device", S2.toString(), "--port", "1");

        List<String> watched = lines(ok(admin, "watch", "--since", Long.toString(from), "--count", "2"));
        assertThat(watched).hasSize(2);
        assertThat(watched.get(0)).matches((from + 1) + " \\S+Z tenant\\.added violet");
        assertThat(watched.get(1)).matches((from + 2)
                + " \\S+Z attachment\\.added violet att-\\d+ on of:0000000000000002/1");

        Cli.Result asJson = ok(admin, "watch", "--since", Long.toString(from), "--count", "2", "--json");
        List<JsonNode> events = asJson.out().lines().map(l -> {
            try {
                return MAPPER.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(events).extracting(e -> e.get("revision").asLong()).containsExactly(from + 1, from + 2);
        assertThat(events.get(1).at("/element/device").asText()).isEqualTo(S2.toString());
    }

    @Test
    void watchFromARevisionTheControllerNoLongerHoldsSaysToListAgain() {
        Cli.Result gone = admin.run("watch", "--since", "1");
        assertThat(gone.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(gone.err()).contains("List the current state again", "HTTP 410");
    }

    @Test
    void errorsSayWhatWentWrongWithDistinctExitCodes() {
        Cli anonymous = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:" + weft.apiAddress().getPort()),
                dir.resolve("none.yaml"));
        Cli.Result noToken = anonymous.run("devices");
        assertThat(noToken.exitCode()).isEqualTo(ClientException.API_ERROR);
        assertThat(noToken.err()).startsWith("weft: this request needs a token").contains("HTTP 401", "--token",
                "WEFT_TOKEN");

        Cli nowhere = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:1", "WEFT_TOKEN", ADMIN), dir.resolve("none.yaml"));
        Cli.Result unreachable = nowhere.run("tenants", "list");
        assertThat(unreachable.exitCode()).isEqualTo(ClientException.CONNECTION);
        assertThat(unreachable.err()).startsWith("weft: cannot connect to http://127.0.0.1:1");
        assertThat(nowhere.run("watch").exitCode()).isEqualTo(ClientException.CONNECTION);

        Cli.Result usage = admin.run("devices", "--colour");
        assertThat(usage.exitCode()).isEqualTo(ClientException.USAGE);
        assertThat(usage.err()).contains("Unknown option: '--colour'");
        assertThat(admin.run("attachments", "create", "-t", "x").exitCode()).isEqualTo(ClientException.USAGE);
        assertThat(admin.run("tenants").exitCode()).as("a group alone shows its usage")
                .isEqualTo(ClientException.USAGE);
        assertThat(admin.run("--url", "http://x", "devices").exitCode()).as("client options go after the command")
                .isEqualTo(ClientException.USAGE);
        Cli.Result badUrl = admin.run("devices", "--url", "not a url");
        assertThat(badUrl.exitCode()).isEqualTo(ClientException.USAGE);
        assertThat(badUrl.err()).contains("'not a url' is not one");
    }

    @Test
    void completionIsABashScriptForEveryCommand() {
        String script = ok(admin, "completion").out();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_weft", "devices",
                "tenants", "attachments", "networks", "watch", "serve");
    }
}

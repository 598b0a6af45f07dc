package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.topology.link.Link;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualPortId;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/**
 * A tenant builds its networks over HTTP with its own token: networks, big-switch ports,
 * switches, internal ports, links, hosts, and the topology view, which shows the admin the
 * physical side and the tenant none of it. Each test works in a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualNetworkApiTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient client;
    private int nextPort = 10;

    @BeforeAll
    void start() {
        api = net.api();
        client = new ApiClient(api.start(), ADMIN);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ApiClient.parse(response.body());
    }

    private static String error(HttpResponse<String> response, int status, String code) {
        JsonNode body = json(response, status);
        assertThat(body.get("error").asText()).isEqualTo(code);
        return body.get("message").asText();
    }

    /** A tenant with {@code attachments} attachments on s2, on ports no other test uses; returns its token. */
    private String tenant(String id, int attachments) {
        String token = json(client.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"" + id + "\"}"), 201)
                .get("token").asText();
        for (int i = 0; i < attachments; i++) {
            json(client.as(ADMIN, "POST", "/api/v1/tenants/" + id + "/attachments",
                    "{\"device\":\"of:0000000000000002\",\"port\":" + nextPort++ + ",\"vlan\":20}"), 201);
        }
        return token;
    }

    /** The tenant's attachment ids, in order. */
    private List<String> attachments(String tenant) {
        return net.tenants.manager.attachments(new TenantId(tenant)).stream().map(a -> a.id()).toList();
    }

    private HttpResponse<String> post(String token, String path, String body) {
        return client.as(token, "POST", path, body);
    }

    @Test
    void aTenantBuildsABigSwitch() {
        String token = tenant("aqua", 2);
        List<String> att = attachments("aqua");
        String base = "/api/v1/tenants/aqua/networks";
        assertThat(json(post(token, base, "{\"id\":\"web\",\"kind\":\"big-switch\"}"), 201))
                .isEqualTo(ApiClient.parse("{\"id\":\"web\",\"kind\":\"big-switch\"}"));
        assertThat(json(client.as(ADMIN, "GET", base + "/web", null), 200).get("tag").isInt()).isTrue();

        JsonNode port = json(post(token, base + "/web/ports", "{\"attachment\":\"" + att.get(0) + "\"}"), 201);
        assertThat(port).isEqualTo(ApiClient.parse("{\"switch\":\"big\",\"port\":1,\"attachment\":\"" + att.get(0)
                + "\"}"));
        json(post(token, base + "/web/switches/big/ports", "{\"attachment\":\"" + att.get(1) + "\"}"), 201);
        assertThat(json(client.as(token, "GET", base + "/web/ports", null), 200).get("ports"))
                .extracting(p -> p.get("port").asInt()).containsExactly(1, 2);
        JsonNode physical = json(client.as(ADMIN, "GET", base + "/web/ports/1", null), 200).get("physical");
        assertThat(physical.get("device").asText()).isEqualTo("of:0000000000000002");
        assertThat(physical.get("vlan").asInt()).isEqualTo(20);
        assertThat(json(client.as(token, "GET", base + "/web/ports/1", null), 200).has("physical")).isFalse();
        assertThat(json(client.as(token, "GET", base + "/web/switches", null), 200).get("switches"))
                .extracting(s -> s.get("id").asText()).containsExactly("big");

        assertThat(error(post(token, base + "/web/ports", "{\"attachment\":\"" + att.get(0) + "\"}"), 409,
                "conflict")).startsWith("attachment " + att.get(0) + " is already port big:1 of network web");
        assertThat(error(post(token, base + "/web/ports", "{}"), 400, "bad_request"))
                .contains("every port of a big switch is bound to an attachment");
        assertThat(error(post(token, base + "/web/ports", "{\"attachment\":\"att-999\"}"), 404, "not_found"))
                .isEqualTo("no attachment att-999");
        assertThat(error(post(token, base + "/web/switches", "{\"id\":\"vs1\"}"), 409, "conflict"))
                .contains("is a big switch");
        assertThat(error(post(token, base + "/web/links", "{\"src\":{\"switch\":\"big\",\"port\":1},"
                + "\"dst\":{\"switch\":\"x\",\"port\":1}}"), 409, "conflict")).contains("has no links");

        assertThat(client.as(token, "DELETE", base + "/web/ports/1", null).statusCode()).isEqualTo(204);
        assertThat(error(client.as(token, "GET", base + "/web/ports/1", null), 404, "not_found"))
                .isEqualTo("no port big:1 in network web");
        assertThat(client.as(token, "DELETE", base + "/web", null).statusCode()).isEqualTo(204);
        assertThat(error(client.as(token, "GET", base + "/web", null), 404, "not_found")).isEqualTo("no network web");
    }

    @Test
    void aTenantBuildsACustomNetworkAndItsLinks() {
        String token = tenant("beryl", 2);
        String edge = attachments("beryl").get(0);
        String lab = "/api/v1/tenants/beryl/networks/lab";
        json(post(token, "/api/v1/tenants/beryl/networks", "{\"id\":\"lab\",\"kind\":\"custom\"}"), 201);
        for (String s : List.of("vs1", "vs2", "vs3")) {
            assertThat(json(post(token, lab + "/switches", "{\"id\":\"" + s + "\"}"), 201))
                    .isEqualTo(ApiClient.parse("{\"id\":\"" + s + "\",\"ports\":[]}"));
        }
        json(post(token, lab + "/switches/vs1/ports", "{\"attachment\":\"" + edge + "\"}"), 201);
        assertThat(json(post(token, lab + "/switches/vs1/ports", "{}"), 201))
                .isEqualTo(ApiClient.parse("{\"switch\":\"vs1\",\"port\":2}"));
        json(post(token, lab + "/switches/vs2/ports", null), 201);
        json(post(token, lab + "/switches/vs2/ports", null), 201);
        json(post(token, lab + "/switches/vs3/ports", null), 201);

        JsonNode link = json(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs1\",\"port\":2},\"dst\":{\"switch\":\"vs2\",\"port\":1}}"), 201);
        assertThat(link).isEqualTo(ApiClient.parse("""
                {"id":"vs1:2-vs2:1","src":{"switch":"vs1","port":2},"dst":{"switch":"vs2","port":1},
                 "state":"unknown"}"""));
        json(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs2\",\"port\":2},\"dst\":{\"switch\":\"vs3\",\"port\":1}}"), 201);
        assertThat(error(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs1\",\"port\":1},\"dst\":{\"switch\":\"vs3\",\"port\":1}}"), 409, "conflict"))
                .isEqualTo("port vs1:1 is bound to attachment " + edge + "; a link joins internal ports");
        assertThat(error(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs1\",\"port\":2},\"dst\":{\"switch\":\"vs1\",\"port\":2}}"), 400,
                "bad_request")).contains("two different virtual switches");
        assertThat(error(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs1\",\"port\":2},\"dst\":{\"switch\":\"vs3\",\"port\":1,\"vlan\":1}}"), 400,
                "bad_request")).isEqualTo("unknown field 'dst.vlan'; expected port, switch");
        assertThat(error(post(token, lab + "/links", "{\"src\":{\"switch\":\"vs1\",\"port\":2},\"dst\":7}"), 400,
                "bad_request")).isEqualTo("field 'dst' must be a JSON object");
        assertThat(error(post(token, lab + "/links",
                "{\"src\":{\"switch\":\"vs1\",\"port\":\"2\"},\"dst\":{\"switch\":\"vs3\",\"port\":1}}"), 400,
                "bad_request")).isEqualTo("field 'src.port' must be an integer");
        assertThat(error(post(token, lab + "/ports", "{}"), 409, "conflict")).contains("is custom");
        assertThat(error(client.as(token, "GET", lab + "/ports/1", null), 404, "not_found")).contains("is custom");

        assertThat(json(client.as(token, "GET", lab + "/links/vs2:1-vs1:2", null), 200).get("id").asText())
                .as("either order names the link").isEqualTo("vs1:2-vs2:1");
        assertThat(error(client.as(token, "GET", lab + "/links/vs1:2", null), 400, "bad_request"))
                .startsWith("malformed link id");
        assertThat(client.as(token, "DELETE", lab + "/links/vs2:1-vs1:2", null).statusCode()).isEqualTo(204);
        assertThat(error(client.as(token, "DELETE", lab + "/links/vs2:1-vs1:2", null), 404, "not_found"))
                .isEqualTo("no link vs2:1-vs1:2 in network lab");
        assertThat(json(client.as(token, "GET", lab + "/links", null), 200).get("links"))
                .extracting(l -> l.get("id").asText()).containsExactly("vs2:2-vs3:1");

        assertThat(client.as(token, "DELETE", lab + "/switches/vs3", null).statusCode()).isEqualTo(204);
        assertThat(json(client.as(token, "GET", lab + "/links", null), 200).get("links")).isEmpty();
        assertThat(client.as(token, "DELETE", lab + "/switches/vs2/ports/2", null).statusCode()).isEqualTo(204);
        assertThat(json(client.as(token, "GET", lab + "/switches/vs2/ports", null), 200).get("ports"))
                .extracting(p -> p.get("port").asInt()).containsExactly(1);
        assertThat(json(client.as(token, "GET", lab + "/switches/vs1", null), 200).get("ports")).hasSize(2);
        assertThat(error(client.as(token, "GET", lab + "/switches/vs9", null), 404, "not_found"))
                .isEqualTo("no switch vs9 in network lab");
    }

    @Test
    void hostsAreDeclaredAndLearnedOnesListedBesideThem() {
        String token = tenant("coral", 1);
        String web = "/api/v1/tenants/coral/networks/web";
        json(post(token, "/api/v1/tenants/coral/networks", "{\"id\":\"web\",\"kind\":\"big-switch\"}"), 201);
        json(post(token, web + "/ports", "{\"attachment\":\"" + attachments("coral").get(0) + "\"}"), 201);

        JsonNode host = json(post(token, web + "/hosts",
                "{\"mac\":\"00:00:00:00:00:0A\",\"ips\":[\"10.0.0.10\",\"fd00::a\"],\"port\":1}"), 201);
        assertThat(host).isEqualTo(ApiClient.parse("""
                {"mac":"00:00:00:00:00:0A","ips":["10.0.0.10","fd00::a"],"port":{"switch":"big","port":1},
                 "declared":true}"""));
        json(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0b\",\"port\":{\"switch\":\"big\",\"port\":1}}"),
                201);
        NetworkId network = new NetworkId(new TenantId("coral"), "web");
        net.tenants.manager.hostLearned(new VirtualHost(network, MacAddress.valueOf("00:00:00:00:00:0c"),
                Set.of(IpAddress.valueOf("10.0.0.12")), new VirtualPortId("big", 1), false));

        assertThat(json(client.as(token, "GET", web + "/hosts", null), 200).get("hosts"))
                .extracting(h -> h.get("mac").asText() + "/" + h.get("declared").asBoolean())
                .containsExactly("00:00:00:00:00:0A/true", "00:00:00:00:00:0B/true", "00:00:00:00:00:0C/false");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0b\",\"port\":1}"), 409, "conflict"))
                .isEqualTo("host 00:00:00:00:00:0B is already declared in network web");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0d\",\"ips\":[\"10.0.0.10\"],"
                + "\"port\":1}"), 409, "conflict")).startsWith("address 10.0.0.10 is already host");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0d\",\"ips\":[\"ten\"],\"port\":1}"),
                400, "bad_request")).isEqualTo("field 'ips': malformed IP address 'ten'");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00-00-00-00-00-0d\",\"port\":1}"), 400,
                "bad_request")).startsWith("field 'mac': malformed MAC address");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0d\",\"port\":5}"), 404, "not_found"))
                .isEqualTo("no port big:5 in network web");
        assertThat(error(post(token, web + "/hosts", "{\"mac\":\"00:00:00:00:00:0d\",\"ips\":\"10.0.0.13\","
                + "\"port\":1}"), 400, "bad_request")).isEqualTo("field 'ips' must be a list of strings");

        assertThat(json(client.as(token, "GET", web + "/hosts/00:00:00:00:00:0c", null), 200).get("declared")
                .asBoolean()).isFalse();
        assertThat(error(client.as(token, "DELETE", web + "/hosts/00:00:00:00:00:0c", null), 404, "not_found"))
                .isEqualTo("no declared host 00:00:00:00:00:0C in network web");
        assertThat(client.as(token, "DELETE", web + "/hosts/00:00:00:00:00:0a", null).statusCode()).isEqualTo(204);
        assertThat(error(client.as(token, "GET", web + "/hosts/00:00:00:00:00:0a", null), 404, "not_found"))
                .isEqualTo("no host 00:00:00:00:00:0A in network web");
    }

    @Test
    void aCustomNetworksHostNamesItsSwitch() {
        String token = tenant("dune", 1);
        String lab = "/api/v1/tenants/dune/networks/lab";
        json(post(token, "/api/v1/tenants/dune/networks", "{\"id\":\"lab\",\"kind\":\"custom\"}"), 201);
        json(post(token, lab + "/switches", "{\"id\":\"vs1\"}"), 201);
        json(post(token, lab + "/switches/vs1/ports", "{\"attachment\":\"" + attachments("dune").get(0) + "\"}"), 201);
        assertThat(error(post(token, lab + "/hosts", "{\"mac\":\"00:00:00:00:00:01\",\"port\":1}"), 400,
                "bad_request")).contains("in a custom network");
        json(post(token, lab + "/hosts", "{\"mac\":\"00:00:00:00:00:01\",\"port\":{\"switch\":\"vs1\",\"port\":1}}"),
                201);
    }

    @Test
    void theTopologyShowsTheTenantNoPhysicalIdAndTheAdminTheMapping() {
        String token = tenant("ember", 2);
        List<String> att = attachments("ember");
        String lab = "/api/v1/tenants/ember/networks/lab";
        json(post(token, "/api/v1/tenants/ember/networks", "{\"id\":\"lab\",\"kind\":\"custom\"}"), 201);
        json(post(token, lab + "/switches", "{\"id\":\"vs1\"}"), 201);
        json(post(token, lab + "/switches", "{\"id\":\"vs2\"}"), 201);
        json(post(token, lab + "/switches/vs1/ports", "{\"attachment\":\"" + att.get(0) + "\"}"), 201);
        json(post(token, lab + "/switches/vs1/ports", "{}"), 201);
        json(post(token, lab + "/switches/vs2/ports", "{}"), 201);
        json(post(token, lab + "/switches/vs2/ports", "{\"attachment\":\"" + att.get(1) + "\"}"), 201);
        json(post(token, lab + "/links", "{\"src\":{\"switch\":\"vs1\",\"port\":2},"
                + "\"dst\":{\"switch\":\"vs2\",\"port\":1}}"), 201);
        json(post(token, lab + "/hosts", "{\"mac\":\"00:00:00:00:00:01\",\"ips\":[\"10.0.0.1\"],"
                + "\"port\":{\"switch\":\"vs1\",\"port\":1}}"), 201);
        NetworkId id = new NetworkId(new TenantId("ember"), "lab");
        VirtualLink link = net.tenants.manager.links(id).get(0);
        net.realized.put(link, new LinkRealization(LinkRealization.State.UP,
                List.of(new Link(new io.weft.topology.link.ConnectPoint(TestNetwork.S2, PortNumber.portNumber(3)),
                        new io.weft.topology.link.ConnectPoint(TestNetwork.S3, PortNumber.portNumber(2))))));

        JsonNode mine = json(client.as(token, "GET", lab + "/topology", null), 200);
        assertThat(mine).isEqualTo(ApiClient.parse("""
                {"network":{"id":"lab","kind":"custom"},
                 "switches":[
                   {"id":"vs1","ports":[{"switch":"vs1","port":1,"attachment":"%s"},{"switch":"vs1","port":2}]},
                   {"id":"vs2","ports":[{"switch":"vs2","port":1},{"switch":"vs2","port":2,"attachment":"%s"}]}],
                 "links":[{"id":"vs1:2-vs2:1","src":{"switch":"vs1","port":2},"dst":{"switch":"vs2","port":1},
                           "state":"up"}],
                 "hosts":[{"mac":"00:00:00:00:00:01","ips":["10.0.0.1"],"port":{"switch":"vs1","port":1},
                           "declared":true}]}""".formatted(att.get(0), att.get(1))));
        assertThat(mine.toString()).doesNotContain("of:").doesNotContain("tag").doesNotContain("physical");

        JsonNode all = json(client.as(ADMIN, "GET", lab + "/topology", null), 200);
        int tag = net.tenants.manager.network(id).orElseThrow().tag();
        assertThat(all.get("network")).isEqualTo(ApiClient.parse("{\"id\":\"lab\",\"kind\":\"custom\",\"tag\":"
                + tag + "}"));
        long port = net.tenants.manager.attachment(id.tenant(), att.get(0)).orElseThrow().point().port().toLong();
        assertThat(all.at("/switches/0/ports/0/physical")).isEqualTo(ApiClient.parse(
                "{\"device\":\"of:0000000000000002\",\"port\":" + port + ",\"vlan\":20}"));
        assertThat(all.at("/switches/0/ports/1").has("physical")).isFalse();
        assertThat(all.at("/links/0/path")).isEqualTo(ApiClient.parse("""
                [{"src":{"device":"of:0000000000000002","port":3},"dst":{"device":"of:0000000000000003","port":2}}]
                """));
        assertThat(json(client.as(ADMIN, "GET", lab + "/links", null), 200).at("/links/0/path")).hasSize(1);
        assertThat(json(client.as(token, "GET", lab + "/links", null), 200).at("/links/0").has("path")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"web\"}                            | field 'kind' is required",
            "{\"id\":\"web\",\"kind\":\"star\"}          | field 'kind': unknown kind 'star': expected big-switch or custom",
            "{\"id\":\"web\",\"kind\":1}                 | field 'kind' must be a string",
            "{\"id\":\"Web\",\"kind\":\"custom\"}        | field 'id': malformed network id 'Web'",
            "{\"id\":\"web\",\"kind\":\"custom\",\"tag\":5} | unknown field 'tag'; expected id, kind"})
    void aBadNetworkIsRefusedAndChangesNothing(String body, String message) {
        if (net.tenants.manager.tenant(new TenantId("flint")).isEmpty()) {
            tenant("flint", 0);
        }
        long revision = net.tenants.store.revision();
        assertThat(error(post(ADMIN, "/api/v1/tenants/flint/networks", body), 400, "bad_request")).startsWith(message);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void aNetworkExistsOnceInItsTenantButTwoTenantsMayShareAName() {
        String grey = tenant("grey", 0);
        String hazel = tenant("hazel", 0);
        json(post(grey, "/api/v1/tenants/grey/networks", "{\"id\":\"web\",\"kind\":\"custom\"}"), 201);
        json(post(hazel, "/api/v1/tenants/hazel/networks", "{\"id\":\"web\",\"kind\":\"custom\"}"), 201);
        assertThat(error(post(grey, "/api/v1/tenants/grey/networks", "{\"id\":\"web\",\"kind\":\"big-switch\"}"), 409,
                "conflict")).isEqualTo("network web exists");
        assertThat(json(client.as(grey, "GET", "/api/v1/tenants/grey/networks", null), 200))
                .isEqualTo(ApiClient.parse("{\"networks\":[{\"id\":\"web\",\"kind\":\"custom\"}]}"));
    }
}

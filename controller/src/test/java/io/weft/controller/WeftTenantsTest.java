package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API acknowledged about tenants is in the data directory: a controller started again
 * on it serves the same tenants, networks and ports, and the tenant's token still works.
 */
class WeftTenantsTest {
    private static final String ADMIN = "tenants-test-admin-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private WeftConfig localConfig() {
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0).withAdminToken(ADMIN));
    }

    private static HttpResponse<String> call(Weft weft, String token, String method, String path, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + weft.apiAddress().getPort()
                        + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return MAPPER.readTree(response.body());
    }

    @Test
    void tenantsAndNetworksSurviveARestart() throws Exception {
        String token;
        JsonNode topology;
        Weft weft = new Weft(localConfig()).start();
        try {
            token = json(call(weft, ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"blue\"}"), 201).get("token").asText();
            json(call(weft, ADMIN, "POST", "/api/v1/tenants/blue/attachments",
                    "{\"device\":\"of:0000000000000001\",\"port\":1,\"vlan\":100}"), 201);
            json(call(weft, token, "POST", "/api/v1/tenants/blue/networks", "{\"id\":\"web\",\"kind\":\"big-switch\"}"),
                    201);
            json(call(weft, token, "POST", "/api/v1/tenants/blue/networks/web/ports", "{\"attachment\":\"att-1\"}"),
                    201);
            json(call(weft, token, "POST", "/api/v1/tenants/blue/networks/web/hosts",
                    "{\"mac\":\"00:00:00:00:00:01\",\"ips\":[\"10.0.0.1\"],\"port\":1}"), 201);
            topology = json(call(weft, ADMIN, "GET", "/api/v1/tenants/blue/networks/web/topology", null), 200);
            assertThat(weft.virtualNetworks().networks()).hasSize(1);
            assertThat(weft.counters().get("virtual.changes")).isEqualTo(5);
        } finally {
            weft.close();
        }

        Weft again = new Weft(localConfig()).start();
        try {
            assertThat(json(call(again, ADMIN, "GET", "/api/v1/tenants/blue/networks/web/topology", null), 200))
                    .isEqualTo(topology);
            assertThat(topology.at("/network/tag").asInt()).isEqualTo(1);
            assertThat(topology.at("/switches/0/ports/0/physical/vlan").asInt()).isEqualTo(100);
            assertThat(json(call(again, token, "GET", "/api/v1/tenants/blue", null), 200).get("networks"))
                    .extracting(JsonNode::asText).containsExactly("web");
            assertThat(json(call(again, token, "POST", "/api/v1/tenants/blue/networks",
                    "{\"id\":\"db\",\"kind\":\"custom\"}"), 201).has("tag")).as("the tenant sees no tag").isFalse();
            assertThat(again.virtualNetworks().networks()).extracting(n -> n.tag()).containsExactly(2, 1);
            assertThat(again.counters().get("virtual.store.bad_entries")).isZero();
        } finally {
            again.close();
        }
    }
}

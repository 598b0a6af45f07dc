package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.event.EventListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onosproject.net.DeviceId;

/**
 * Refusals: always JSON with the right 4xx status, never a 500 or Armeria's own page, and
 * each counted. The counters are shared by the class's one server, so tests compare before
 * and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
    private final TestNetwork net = TestNetwork.linearWithIsland();
    private final Counters counters = net.counters;
    private RestApi api;
    private InetSocketAddress address;
    private ApiClient client;

    @BeforeAll
    void start() {
        api = net.api();
        address = api.start();
        client = new ApiClient(address, TestNetwork.TOKEN);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** The response is a JSON error with this status and code; returns its message. */
    private static String assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = ApiClient.parse(response.body());
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
        return body.get("message").asText();
    }

    private long refused(String code) {
        return counters.get("api.refused." + code);
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        long before = refused("unauthorized");
        HttpResponse<String> response = client.send("GET", "/api/v1/devices", Optional.empty());
        assertThat(assertError(response, 401, "unauthorized")).contains("Authorization: Bearer");
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("of:0000000000000001");
        assertThat(refused("unauthorized")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-token-wrong-token-wrong", "Bearer ", "Bearer",
            "Bearer test-admin-token-0123456789abcde", "Bearer test-admin-token-0123456789abcdef0",
            "Token test-admin-token-0123456789abcdef", "test-admin-token-0123456789abcdef"})
    void aWrongTokenOrSchemeIs401(String authorization) {
        long before = refused("unauthorized");
        assertError(client.send("GET", "/api/v1/devices", Optional.of(authorization)), 401, "unauthorized");
        assertThat(refused("unauthorized")).isEqualTo(before + 1);
    }

    @Test
    void basicCredentialsAreRefused() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestNetwork.TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertError(client.send("GET", "/api/v1/hosts", Optional.of(basic)), 401, "unauthorized");
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        HttpResponse<String> response = client.send("GET", "/api/v1/links",
                Optional.of("bearer " + TestNetwork.TOKEN));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/devices/of:0000000000000001", "/api/v1/devices/of:0000000000000001/flows",
            "/api/v1/links", "/api/v1/hosts", "/api/v1/paths/of:0000000000000001/of:0000000000000002",
            "/api/v1/openapi.json", "/metrics", "/api/v1/nothing-here", "/", "/api/v1/health/"})
    void everythingButHealthNeedsTheToken(String path) {
        assertError(client.send("GET", path, Optional.empty()), 401, "unauthorized");
    }

    @Test
    void onlyGetOnHealthIsPublic() {
        assertError(client.send("POST", "/api/v1/health", Optional.empty()), 401, "unauthorized");
        assertThat(client.send("GET", "/api/v1/health", Optional.empty()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/devices/1", "/api/v1/devices/of:1", "/api/v1/devices/of:000000000000000g",
            "/api/v1/devices/of:00000000000000011", "/api/v1/devices/0000000000000001", "/api/v1/devices/%20",
            "/api/v1/devices/foo/flows", "/api/v1/paths/of:0000000000000001/00:00:00:00:00:01",
            "/api/v1/paths/xx/of:0000000000000001", "/api/v1/paths/00:00:00:00:00:01/00-00-00-00-00-02",
            "/api/v1/paths/00:00:00:00:00:01/00:00:00:00:00:0z"})
    void malformedIdsAre400(String path) {
        long before = refused("bad_request");
        assertError(client.get(path), 400, "bad_request");
        assertThat(refused("bad_request")).isEqualTo(before + 1);
    }

    @Test
    void messagesSayWhatWasExpected() {
        assertThat(assertError(client.get("/api/v1/devices/of:1"), 400, "bad_request"))
                .isEqualTo("malformed device id 'of:1': expected of: and 16 hex digits, e.g. of:0000000000000001");
        assertThat(assertError(client.get("/api/v1/paths/of:0000000000000001/00:00:00:00:00:01"), 400,
                "bad_request")).startsWith("src and dst must both be device ids or both host MACs");
        String longId = "of:" + "0".repeat(500);
        assertThat(assertError(client.get("/api/v1/devices/" + longId), 400, "bad_request"))
                .hasSizeLessThan(200);
    }

    @Test
    void unknownThingsAre404() {
        long before = refused("not_found");
        assertThat(assertError(client.get("/api/v1/devices/of:00000000000000ff"), 404, "not_found"))
                .isEqualTo("no device of:00000000000000ff");
        assertThat(assertError(client.get("/api/v1/devices/of:00000000000000ff/flows"), 404, "not_found"))
                .isEqualTo("no device of:00000000000000ff");
        assertThat(assertError(client.get("/api/v1/paths/of:0000000000000001/of:00000000000000ff"), 404,
                "not_found")).isEqualTo("no device of:00000000000000ff");
        assertThat(assertError(client.get("/api/v1/paths/00:00:00:00:00:99/00:00:00:00:00:01"), 404,
                "not_found")).isEqualTo("no host 00:00:00:00:00:99");
        assertThat(refused("not_found")).isEqualTo(before + 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing-here", "/", "/api/v2/devices", "/api/v1/devices/", "/api",
            "/api/v1/devices/of:0000000000000001/flows/1", "/metrics/x"})
    void unknownRoutesAre404(String path) {
        long before = refused("not_found");
        assertError(client.get(path), 404, "not_found");
        assertThat(refused("not_found")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/devices", "PUT /api/v1/devices/of:0000000000000001",
            "DELETE /api/v1/devices/of:0000000000000001", "PATCH /api/v1/hosts", "POST /metrics",
            "DELETE /api/v1/paths/of:0000000000000001/of:0000000000000002"})
    void otherMethodsAre405(String request) {
        String[] parts = request.split(" ");
        long before = refused("method_not_allowed");
        assertThat(assertError(client.send(parts[0], parts[1], Optional.of("Bearer " + TestNetwork.TOKEN)), 405,
                "method_not_allowed")).contains(parts[0]);
        assertThat(refused("method_not_allowed")).isEqualTo(before + 1);
    }

    @Test
    void everyRequestIsCounted() {
        long before = counters.get("api.requests");
        client.get("/api/v1/devices");
        client.get("/api/v1/nothing-here");
        client.send("GET", "/api/v1/hosts", Optional.empty());
        client.send("GET", "/api/v1/health", Optional.empty());
        assertThat(counters.get("api.requests")).isEqualTo(before + 4);
    }

    /** A bug behind the API answers a JSON 500 that says where to look, and gives nothing away. */
    @Test
    void aFailingServiceIsAJson500() {
        TestNetwork broken = TestNetwork.linearWithIsland();
        try (RestApi brokenApi = new RestApi(ApiConfig.DEFAULTS.withAddress("127.0.0.1").withPort(0), TestNetwork.TOKEN,
                broken.devices, broken.links, broken.hosts, broken.topology, new ThrowingFlowRules(), LatestStats.NONE,
                List.of(), broken.tenantServices(), broken.journal, broken.counters)) {
            ApiClient brokenClient = new ApiClient(brokenApi.start(), TestNetwork.TOKEN);
            String message = assertError(brokenClient.get("/api/v1/devices/of:0000000000000001/flows"), 500,
                    "internal_server_error");
            assertThat(message).contains("log").doesNotContain("flow table on fire");
            assertThat(broken.counters.get("api.errors.internal_server_error")).isEqualTo(1);
        }
    }

    /** A path no HTTP client would send: Armeria refuses it before routing, still in JSON. */
    @Test
    void aMalformedRequestLineIsStillAJsonError() throws IOException {
        long before = refused("bad_request");
        String reply = raw("GET /api/v1/devices/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 400");
        assertThat(reply).containsIgnoringCase("content-type: application/json");
        assertThat(reply).contains("\"error\":\"bad_request\"");
        assertThat(refused("bad_request")).isEqualTo(before + 1);
    }

    private static final class ThrowingFlowRules implements FlowRuleService {
        @Override
        public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forget(FlowRule rule) {
            throw new IllegalStateException("flow table on fire");
        }

        @Override
        public List<FlowEntry> rules(DeviceId device) {
            throw new IllegalStateException("flow table on fire");
        }

        @Override
        public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

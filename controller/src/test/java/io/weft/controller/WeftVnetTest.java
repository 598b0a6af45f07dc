package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.link.ConnectPoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onosproject.net.PortNumber;

/**
 * The virtual-network compiler is wired into the controller: a granted attachment is no edge
 * port of default forwarding, and the topology view shows virtual links as the compiler
 * realised them, not as unknown.
 */
class WeftVnetTest {
    private static final String ADMIN = "vnet-test-admin-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private WeftConfig localConfig() {
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0).withAdminToken(ADMIN));
    }

    private static JsonNode call(Weft weft, String method, String path, String body, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + weft.apiAddress().getPort()
                        + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            return MAPPER.readTree(response.body());
        }
    }

    @Test
    void attachmentsAreReservedAndVirtualLinksAreRealised() throws Exception {
        try (Weft weft = new Weft(localConfig()).start()) {
            call(weft, "POST", "/api/v1/tenants", "{\"id\":\"green\"}", 201);
            call(weft, "POST", "/api/v1/tenants/green/attachments",
                    "{\"device\":\"of:0000000000000001\",\"port\":3}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks", "{\"id\":\"lab\",\"kind\":\"custom\"}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks/lab/switches", "{\"id\":\"vs1\"}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks/lab/switches", "{\"id\":\"vs2\"}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks/lab/switches/vs1/ports", "{}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks/lab/switches/vs2/ports", "{}", 201);
            call(weft, "POST", "/api/v1/tenants/green/networks/lab/links",
                    "{\"src\":{\"switch\":\"vs1\",\"port\":1},\"dst\":{\"switch\":\"vs2\",\"port\":1}}", 201);

            assertThat(weft.virtualNetworks().isReserved(new ConnectPoint(DeviceIds.fromDatapathId(1),
                    PortNumber.portNumber(3)))).isTrue();
            // The compile runs on its own thread after the change: poll the view until it has.
            Instant deadline = Instant.now().plusSeconds(10);
            String state;
            do {
                state = call(weft, "GET", "/api/v1/tenants/green/networks/lab/topology", null, 200)
                        .at("/links/0/state").asText();
            } while (!state.equals("up") && Instant.now().isBefore(deadline));
            assertThat(state).isEqualTo("up");
            assertThat(weft.counters().get("vnet.compile.failed")).isZero();
        }
    }
}

package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics are wired into the controller: the collector polls every available device each
 * {@code stats-interval} (here a device known to the topology with no OpenFlow connection, so
 * each poll fails as disconnected, counted), the stats routes answer, and /metrics shows the
 * OpenFlow gauges.
 */
class WeftStatsTest {
    private static final String ADMIN = "stats-test-admin-token-0123456789abcdef";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private WeftConfig localConfig() {
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0).withAdminToken(ADMIN))
                .withStatsInterval(Duration.ofSeconds(1));
    }

    private static HttpResponse<String> call(Weft weft, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + weft.apiAddress().getPort()
                        + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void everyAvailableDeviceIsPolledAndTheStatisticsRoutesAnswer() throws Exception {
        try (Weft weft = new Weft(localConfig()).start()) {
            weft.devices().deviceConnected(DeviceIds.fromDatapathId(1), new DeviceDescription("Nicira, Inc.",
                    "Open vSwitch", "3.1.0", "None", "OF_13"), List.of());

            Instant deadline = Instant.now().plusSeconds(10);
            while (weft.counters().get("stats.poll.disconnected") < 2 && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(weft.counters().get("stats.poll.disconnected")).as("two polls, each failed").isGreaterThan(1);
            assertThat(weft.counters().get("stats.poll.failed")).isEqualTo(weft.counters().get("stats.poll.disconnected"));
            assertThat(weft.stats().latest(DeviceIds.fromDatapathId(1))).isEmpty();

            HttpResponse<String> device = call(weft, "GET", "/api/v1/devices/of:0000000000000001/stats", null);
            assertThat(device.statusCode()).isEqualTo(200);
            JsonNode stats = MAPPER.readTree(device.body());
            assertThat(stats.get("polled").asBoolean()).isFalse();
            assertThat(call(weft, "GET", "/api/v1/devices/of:0000000000000002/stats", null).statusCode())
                    .isEqualTo(404);

            assertThat(call(weft, "POST", "/api/v1/tenants", "{\"id\":\"green\"}").statusCode()).isEqualTo(201);
            assertThat(call(weft, "POST", "/api/v1/tenants/green/attachments",
                    "{\"device\":\"of:0000000000000001\",\"port\":3}").statusCode()).isEqualTo(201);
            assertThat(call(weft, "POST", "/api/v1/tenants/green/networks",
                    "{\"id\":\"web\",\"kind\":\"big-switch\"}").statusCode()).isEqualTo(201);
            assertThat(call(weft, "POST", "/api/v1/tenants/green/networks/web/ports",
                    "{\"attachment\":\"att-1\"}").statusCode()).isEqualTo(201);
            JsonNode network = MAPPER.readTree(call(weft, "GET", "/api/v1/tenants/green/networks/web/stats", null)
                    .body());
            assertThat(network.at("/ports/0/attachment").asText()).isEqualTo("att-1");
            assertThat(network.at("/ports/0/polled").asBoolean()).isFalse();

            String metrics = call(weft, "GET", "/metrics", null).body();
            assertThat(metrics).contains("# TYPE weft_openflow_switches_connected gauge\n"
                    + "weft_openflow_switches_connected 0\n");
            assertThat(metrics).contains("weft_openflow_barrier_pending_batches 0\n");
            assertThat(metrics).contains("weft_stats_poll_disconnected_total ");
            assertThat(metrics).contains("# TYPE weft_openflow_packet_ins_per_second gauge\n"
                    + "weft_openflow_packet_ins_per_second 0\n");
            assertThat(metrics).contains("weft_openflow_flow_mods_per_second 0\n");
        }
    }
}

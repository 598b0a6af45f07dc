package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.bench.CpuMeter;
import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary and the JSON line: each read and the creation, per protocol, with what was not counted. */
class ApiReportTest {
    private static final Machine MACHINE = new Machine(2, 1024, "cpu", "jdk", "os");
    private static final ApiPlan PLAN = new ApiPlan(List.of(Protocol.REST, Protocol.GRPC), List.of(Read.LINKS), 100,
            8, 1, 3, Duration.ofSeconds(2));

    private static ClosedLoop.Result result(Protocol protocol, String operation, String unit,
                                            Map<String, Long> problems, Optional<String> first) {
        return new ClosedLoop.Result(protocol, operation, unit, 8, ClosedLoop.Rounds.timed(1, 3,
                Duration.ofSeconds(2)),
                List.of(100.0, 300.0, 200.0), 900, 2500, 1200, problems, first, 4096,
                Optional.of(new CpuMeter.Share(2, 0.5, 1.25, 0.05, 0.2)));
    }

    private static ApiReport.Run run() {
        return new ApiReport.Run("weft", Fabrics.grid(2, 2), 4, PLAN, Map.of(Read.LINKS, List.of(
                result(Protocol.REST, "GET /api/v1/links", "requests", Map.of(), Optional.empty()),
                result(Protocol.GRPC, "weft.v1.Topology/ListLinks", "requests", Map.of(), Optional.empty()))),
                List.of(result(Protocol.REST, "POST /api/v1/tenants/{t}/networks", "networks",
                                Map.of("refused.409", 3L), Optional.of("refused.409: {\"error\":\"exists\"}")),
                        result(Protocol.GRPC, "weft.v1.VirtualNetworks/CreateNetwork", "networks", Map.of(),
                                Optional.empty())));
    }

    @Test
    void theSummaryHasALinePerOperationAndProtocolAndSaysWhatWasNotCounted() {
        String human = ApiReport.human(MACHINE, run());
        assertThat(human)
                .contains("8 concurrent clients in a closed loop with the admin bearer token; REST: one HTTP/1.1"
                        + " connection per client; gRPC: one channel (one HTTP/2 connection) per client")
                .contains("reads: 3 rounds of 2 s after 1 warm-up round")
                .contains("network creation: 3 rounds of 100 big-switch networks after 1 warm-up round, each round"
                        + " under a tenant of its own")
                .contains("weft: rest GET /api/v1/links")
                .contains("weft: grpc weft.v1.Topology/ListLinks")
                .contains("median       200 requests/s (min 100, max 300); latency p50 900 us, p99 2,500 us")
                .contains("weft: rest POST /api/v1/tenants/{t}/networks        median       200 networks/s")
                .contains("3 refused or failed")
                .contains("not counted (warm-up included): {refused.409=3}; the first: refused.409:"
                        + " {\"error\":\"exists\"}")
                .contains("controller 1.25");
    }

    @Test
    void theJsonLineHasEachReadAndTheCreationByProtocol() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ApiReport.json(MACHINE, run()));
        assertThat(root.path("mode").asText()).isEqualTo("api");
        JsonNode weft = root.path("weft");
        JsonNode restLinks = weft.path("reads").path("links").path("rest");
        assertThat(restLinks.path("operation").asText()).isEqualTo("GET /api/v1/links");
        assertThat(restLinks.path("median").asDouble()).isEqualTo(200);
        assertThat(restLinks.path("min").asDouble()).isEqualTo(100);
        assertThat(restLinks.path("max").asDouble()).isEqualTo(300);
        assertThat(restLinks.path("unit").asText()).isEqualTo("requests per second");
        assertThat(restLinks.path("latency_us").path("p99").asDouble()).isEqualTo(2500);
        assertThat(weft.path("reads").path("links").path("grpc").path("operation").asText())
                .isEqualTo("weft.v1.Topology/ListLinks");
        JsonNode restCreation = weft.path("network_creation").path("rest");
        assertThat(restCreation.path("unit").asText()).isEqualTo("networks per second");
        assertThat(restCreation.path("succeeded").asLong()).isEqualTo(1200);
        assertThat(restCreation.path("refused").asLong()).isEqualTo(3);
        assertThat(restCreation.path("problems").path("refused.409").asLong()).isEqualTo(3);
        assertThat(restCreation.path("first_problem").asText()).startsWith("refused.409");
        assertThat(restCreation.path("cpu_cores").path("controller").asDouble()).isEqualTo(1.25);
        assertThat(weft.path("network_creation").path("grpc").path("refused").asLong()).isZero();
        JsonNode settings = weft.path("settings");
        assertThat(settings.path("protocols").toString()).isEqualTo("[\"rest\",\"grpc\"]");
        assertThat(settings.path("reads").toString()).isEqualTo("[\"links\"]");
        assertThat(settings.path("creations_per_round").asInt()).isEqualTo(100);
        assertThat(settings.path("round_seconds").asDouble()).isEqualTo(2);
        assertThat(settings.path("connections").path("grpc").asText()).startsWith("one channel");
        assertThat(weft.path("machine").isObject()).isTrue();
    }

    @Test
    void creationLeftOutIsSaidSo() {
        ApiPlan readsOnly = new ApiPlan(List.of(Protocol.GRPC), List.of(Read.LINKS), 0, 2, 0, 1,
                Duration.ofSeconds(1));
        ApiReport.Run run = new ApiReport.Run("controller", Fabrics.grid(2, 2), 4, readsOnly, Map.of(Read.LINKS,
                List.of(result(Protocol.GRPC, "weft.v1.Topology/ListLinks", "requests", Map.of(), Optional.empty()))),
                List.of());
        assertThat(ApiReport.human(MACHINE, run)).contains("network creation: not measured (--creations 0)")
                .contains("reads: 1 round of 1 s after no warm-up").doesNotContain("REST:");
        assertThat(ApiReport.json(MACHINE, run)).contains("\"network_creation\":{}");
    }
}

package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.rest.InProcessWeft;
import io.weft.metrics.Counters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The api mode's pieces against Weft in this process: a populated fabric, then load on its reads. */
@Timeout(120)
class ApiLoadTest {
    @Test
    void theReadsOfAPopulatedFabricAreAnsweredAndCountedPerRound(@TempDir Path dir) throws InterruptedException {
        Counters counters = new Counters();
        try (InProcessWeft weft = new InProcessWeft(dir.resolve("data"));
             PopulatedFabric fabric = PopulatedFabric.connect(weft.controller(), Fabrics.ring(4), OFVersion.OF_13, 3,
                     Duration.ofSeconds(60), Progress.NONE, counters)) {
            assertThat(weft.weft().hosts().hosts()).hasSize(3);
            ApiLoad load = new ApiLoad(weft.api(), InProcessWeft.TOKEN, OptionalLong.empty(), counters, Progress.NONE);

            ApiLoad.Result links = load.measure("/api/v1/links", 2, 1, 2, Duration.ofMillis(200));

            assertThat(links.rates()).hasSize(2).allMatch(r -> r > 0);
            assertThat(links.refused()).isZero();
            assertThat(links.answered()).isPositive();
            assertThat(links.bodyBytes()).isPositive();
            assertThat(links.p99Micros()).isGreaterThanOrEqualTo(links.p50Micros());
            assertThat(fabric.hosts()).isEqualTo(3);
        }
    }

    @Test
    void answersOtherThanOkAreRefusalsNotRequestsPerSecond(@TempDir Path dir) throws InterruptedException {
        Counters counters = new Counters();
        try (InProcessWeft weft = new InProcessWeft(dir.resolve("data"))) {
            ApiLoad wrongToken = new ApiLoad(weft.api(), "not-the-token-at-all", OptionalLong.empty(), counters,
                    Progress.NONE);
            ApiLoad.Result result = wrongToken.measure("/api/v1/devices", 1, 0, 1, Duration.ofMillis(200));
            assertThat(result.rates()).containsExactly(0.0);
            assertThat(result.refused()).isPositive();
            assertThat(counters.get("bench.api.refused.401")).isEqualTo(result.refused());
        }
    }

    @Test
    void theSummarySaysWhatIsNotAvailableRatherThanFakingIt() {
        ApiLoad.Result r = new ApiLoad.Result("/api/v1/links", 8, List.of(100.0, 300.0, 200.0), 900, 2500, 1200, 0,
                4096, Optional.empty());
        ApiReport.Run run = new ApiReport.Run("weft", Fabrics.grid(2, 2), 4, 8, 3, 2, List.of(r),
                "not available yet: the controller has no network creation (issue 5)",
                "not available yet: the controller has no gRPC service (issue 6)");
        Machine machine = new Machine(2, 1024, "cpu", "jdk", "os");
        String human = ApiReport.human(machine, run);
        assertThat(human).contains("weft: GET /api/v1/links    median       200 requests/s (min 100, max 300)")
                .contains("POST /api/v1/networks (virtual network creation): not available yet")
                .contains("gRPC: not available yet");
        assertThat(ApiReport.json(machine, run))
                .startsWith("{\"mode\":\"api\",\"weft\":{\"reads\":{\"/api/v1/links\":{\"median\":200,\"min\":100,"
                        + "\"max\":300,")
                .contains("\"network_creation\":\"not available yet: the controller has no network creation (issue 5)\"")
                .contains("\"grpc\":\"not available yet");
    }
}

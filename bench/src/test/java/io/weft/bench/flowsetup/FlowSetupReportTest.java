package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.CpuMeter;
import io.weft.bench.Machine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

class FlowSetupReportTest {
    private static final Machine MACHINE = new Machine(2, 4096, "cpu \"x\"", "jdk", "os");
    private static final FlowSetupSettings SETTINGS = new FlowSetupSettings(OFVersion.OF_10, 16, 100_000, 4, true, 1,
            true, 3, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), Duration.ofMillis(5), Duration.ofSeconds(30), 1);

    private static FlowSetupResult result(String label, double... rates) {
        long[] latencies = new long[1000];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (i + 1) * 100L;
        }
        return new FlowSetupResult(label, java.util.Arrays.stream(rates).boxed().toList(),
                new Tally(10, 10, 10, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0), 16, 16,
                Optional.of(new CpuMeter.Share(1.9, 0.5, 1.25, 0.05, 0.1)), latencies, 1);
    }

    @Test
    void theJsonLineHasTheModeBothControllersAndTheRatioAtTheTop() throws Exception {
        String json = FlowSetupReport.json(SETTINGS, MACHINE, "weft",
                List.of(result("weft", 3, 1, 2), result("reference", 1, 1, 1)), Optional.of(2.0));
        assertThat(json).startsWith("{\"mode\":\"flow-setup\",\"weft\":{\"median\":2,\"min\":1,\"max\":3,");
        assertThat(json).contains("},\"reference\":{\"median\":1,");
        assertThat(json).endsWith(",\"ratio\":2}");
        assertThat(json).contains("\"latency_us\":{\"p50\":50,\"p99\":99,\"p999\":99.9,\"max\":100,\"samples\":1000}");
        assertThat(json).contains("\"cpu\":\"cpu \\\"x\\\"\"");
        assertThat(json).doesNotContain("\n");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.fieldNames()).toIterable().containsExactly("mode", "weft", "reference", "ratio");
        assertThat(tree.get("weft").get("median").asDouble()).isEqualTo(2);
        assertThat(tree.get("ratio").asDouble()).isEqualTo(2);
        assertThat(json).contains("\"cpu_cores\":{\"machine\":1.9,\"bench\":0.5,\"controller\":1.25,\"interrupts\":0.05,\"others\":0.1}");
    }

    @Test
    void poolingRunsJoinsTheirRoundsTalliesAndLatencies() {
        FlowSetupResult pooled = FlowSetupResult.pool(List.of(result("weft", 1, 2), result("weft", 3)));
        assertThat(pooled.rates()).containsExactly(1.0, 2.0, 3.0);
        assertThat(pooled.runs()).isEqualTo(2);
        assertThat(pooled.tally().answered()).isEqualTo(20);
        assertThat(pooled.latency().orElseThrow().samples()).isEqualTo(2000);
        assertThat(pooled.cpu().orElseThrow().controller()).isEqualTo(1.25);
        assertThat(FlowSetupReport.perCpuSecond(SETTINGS, pooled).orElseThrow()).as("per CPU-second, both runs")
                .isCloseTo(20 / (1.25 * 3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FlowSetupReport.runLine(2, result("weft", 4), result("reference", 2))).isEqualTo(
                "run 2: weft median 4/s (other processes 0.10 cores), reference median 2/s (other processes 0.10"
                        + " cores): ratio 2.00");
        assertThat(FlowSetupReport.runRatios(List.of(1.5, 0.5, 1.0)))
                .isEqualTo("ratio of each run: 1.50, 0.50, 1.00 (median 1.00); the pooled figures follow");
    }

    @Test
    void theHumanSummarySaysWhatWasMeasuredAndTheRatio() {
        String text = FlowSetupReport.human(SETTINGS, MACHINE, List.of(result("weft", 3, 1, 2),
                result("reference", 1, 1, 1)), Optional.of(2.0));
        assertThat(text).contains("flow-setup (latency), OpenFlow 1.0: 16 switches x 100,000 hosts");
        assertThat(text).contains("weft:      median 2 packet-ins answered/s (min 1, max 3) over 3 rounds");
        assertThat(text).contains("latency p50 50 us, p99 99 us, p99.9 100 us, max 100 us (1,000 samples)");
        assertThat(text).contains("ratio weft / reference, median packet-ins answered per second: 2.00");
        assertThat(text).contains("latency p50 weft / reference: 1.00");
        assertThat(text).contains("CPU while measuring, in cores: machine 1.90 = bench 0.50 + weft 1.25 + kernel"
                + " interrupts 0.05 + other processes 0.10; 3 packet-ins answered per weft CPU-second");
    }
}

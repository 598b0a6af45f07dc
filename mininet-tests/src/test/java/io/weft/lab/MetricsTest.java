package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final String TEXT = """
            # HELP weft_discovery_dropped_forged_total Probes whose signature did not verify.
            # TYPE weft_discovery_dropped_forged_total counter
            weft_discovery_dropped_forged_total 3.0
            weft_discovery_dropped_unsigned_total 1
            weft_discovery_probes_accepted_total 120.0 1732480000000

            weft_openflow_packet_in_total{device="of:0000000000000001",reason="no match"} 7
            weft_openflow_packet_in_total{device="of:0000000000000002",reason="a \\"quoted\\" } brace"} 5
            weft_jvm_gc_seconds NaN
            weft_queue_limit +Inf
            """;

    @Test
    void readsSamplesWithAndWithoutLabels() {
        Metrics metrics = Metrics.parse(TEXT);

        assertThat(metrics.value("weft_discovery_dropped_forged_total")).isEqualTo(3.0);
        assertThat(metrics.value("weft_discovery_probes_accepted_total")).as("timestamp ignored").isEqualTo(120.0);
        assertThat(metrics.value("weft_openflow_packet_in_total")).as("summed over label sets").isEqualTo(12.0);
        assertThat(metrics.value("weft_queue_limit")).isInfinite();
        assertThat(metrics.value("weft_jvm_gc_seconds")).isNaN();
        assertThat(metrics.value("weft_not_there_total")).isZero();
        assertThat(metrics.samples()).hasSize(7);
    }

    @Test
    void growthIsPerMetricAndCountsAMissingMetricAsZero() {
        Metrics before = Metrics.parse("weft_discovery_dropped_forged_total 3\n");
        Metrics after = Metrics.parse(TEXT);

        assertThat(after.growthSince(before, "weft_discovery_dropped_")).isEqualTo(Map.of(
                "weft_discovery_dropped_forged_total", 0.0,
                "weft_discovery_dropped_unsigned_total", 1.0));
    }

    @Test
    void refusesALineWithoutValue() {
        assertThatThrownBy(() -> Metrics.parse("weft_discovery_dropped_forged_total\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.parse("weft_x{a=\"b\" 1\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.parse("weft_x one\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

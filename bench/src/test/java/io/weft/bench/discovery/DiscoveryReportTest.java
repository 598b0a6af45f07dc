package io.weft.bench.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.CpuMeter;
import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.rest.HeapProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

class DiscoveryReportTest {
    private static final Machine MACHINE = new Machine(2, 4096, "test CPU", "JDK", "Linux");
    private static final DiscoveryPlan PLAN = new DiscoveryPlan(OFVersion.OF_13, Duration.ofMillis(2), 1,
            Duration.ofMillis(100), Duration.ofSeconds(120), Duration.ofSeconds(2), 1, 2, Duration.ofSeconds(10));

    private static RerouteRun.Round round(boolean warmup, long completeMs) {
        return new RerouteRun.Round("s1-eth2<->s2-eth1", 5, true, warmup, OptionalLong.of(completeMs * 1_000_000),
                OptionalLong.of(1_000_000), OptionalLong.of(completeMs * 1_000_000), 12, 2);
    }

    private static DiscoveryResult result(long lastConnectMs, long heapMiB, List<RerouteRun.Round> rounds) {
        return new DiscoveryResult("weft", Fabrics.grid(2, 2), 4, 500_000_000L,
                OptionalLong.of((lastConnectMs + 500) * 1_000_000), OptionalLong.of(lastConnectMs * 1_000_000),
                OptionalLong.of(100_000_000), 8, 8, 0, 12, Duration.ofMillis(20),
                Optional.of(new HeapProbe.Heap(heapMiB * 1024, 2 * heapMiB * 1024, 512 * 1024, 300 * 1024, "heap")),
                Optional.of(true), OptionalLong.of(200_000_000), rounds, "",
                Optional.of(new CpuMeter.Share(1.9, 0.6, 1.1, 0.0, 0.2)), Optional.empty(), new TreeMap<>());
    }

    @Test
    void theSummarySaysWhichTargetsAreMetAndTheWarmUpIsNotCounted() {
        DiscoveryResult met = result(1_200, 40, List.of(round(true, 500), round(false, 20), round(false, 30)));
        String human = DiscoveryReport.human(PLAN, true, MACHINE, List.of(met));
        assertThat(human).contains("every link reported 1.70 s after the first switch connected, 1.20 s after the last"
                        + " connected (target: within 10 s: met)")
                .contains("40.0 MiB used").contains("target: within 512 MiB: met")
                .contains("median 25.0 ms, min 20.0, max 30.0 over 2 rounds (target: within 50 ms: met)")
                .contains("theoretical bound from the last switch connecting: one probe interval, 2.00 s")
                .contains("CPU while discovering, in cores: machine 1.90 = bench 0.60 + controller 1.10 + other processes 0.20")
                .doesNotContain("MISSED");

        String json = DiscoveryReport.json(PLAN, MACHINE, List.of(met));
        assertThat(json).startsWith("{\"mode\":\"discovery\",\"weft\":{\"topology\":\"grid,2x2\"")
                .contains("\"all_links_after_last_connect_s\":1.2").contains("\"median_ms\":25")
                .contains("\"targets\":{\"links_within_10s_of_last_connect\":true,\"heap_within_512mib\":true,"
                        + "\"reroute_within_50ms\":true}")
                .contains("\"theoretical_bound_s\":2");
    }

    @Test
    void aMissedTargetIsSaidSo() {
        DiscoveryResult missed = result(12_000, 600, List.of(round(false, 80)));
        String human = DiscoveryReport.human(PLAN, false, MACHINE, List.of(missed));
        assertThat(human).contains("(target: within 10 s: MISSED)").contains("(target: within 512 MiB: MISSED)")
                .contains("(target: within 50 ms: MISSED)").doesNotContain("Weft's default");
        assertThat(DiscoveryReport.json(PLAN, MACHINE, List.of(missed)))
                .contains("\"targets\":{\"links_within_10s_of_last_connect\":false,\"heap_within_512mib\":false,"
                        + "\"reroute_within_50ms\":false}");
    }
}

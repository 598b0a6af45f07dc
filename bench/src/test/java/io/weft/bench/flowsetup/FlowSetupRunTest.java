package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.process.IdealController;
import io.weft.bench.process.InProcessSouthbound;
import io.weft.metrics.Counters;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** A short run against Weft's MAC-learning app over loopback: every answer is counted, once. */
@Timeout(60)
class FlowSetupRunTest {
    /** Two switches with a window of eight. */
    private static final int IN_FLIGHT = 16;

    private static FlowSetupSettings settings(OFVersion version, boolean latency, boolean buffered) {
        return new FlowSetupSettings(version, 2, 50, 3, latency, latency ? 1 : 8, buffered, 2, Duration.ofMillis(300),
                1, Duration.ofSeconds(2), Duration.ofMillis(2), Duration.ofSeconds(20), 1);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void throughputAgainstWeftsLearningSwitchCountsOneFlowModPerAnswer(OFVersion version) throws Exception {
        Counters counters = new Counters();
        FlowSetupResult result;
        try (InProcessSouthbound weft = new InProcessSouthbound().withLearningSwitch()) {
            result = new FlowSetupRun(settings(version, false, true), Progress.NONE, counters)
                    .measure("weft", weft.start());
            assertThat(weft.counters().get("forwarding.rules_requested")).as("the destination was known")
                    .isPositive();
        }
        Tally t = result.tally();
        assertThat(result.rates()).hasSize(2).allMatch(r -> r > 0);
        assertThat(t.answered()).isPositive();
        // Weft answers a buffered packet-in with one flow mod carrying its buffer id, and nothing else.
        assertThat(t.byFlowMod()).isEqualTo(t.answered());
        assertThat(t.byPacketOut()).isZero();
        // Flow mods and answers straddle the tally's reset by at most what is in flight.
        assertThat(t.flowMods()).isBetween(t.answered() - IN_FLIGHT, t.answered() + IN_FLIGHT);
        assertThat(t.flowModsWithoutBuffer() + t.barriers()).isZero();
        assertThat(t.duplicates() + t.unknown() + t.late() + t.expired()).isZero();
        assertThat(result.connected()).isEqualTo(2);
        assertThat(result.latency()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void unbufferedPacketInsAreAnsweredByPacketOutsOfTheirBytes(OFVersion version) throws Exception {
        FlowSetupResult result;
        try (InProcessSouthbound weft = new InProcessSouthbound().withLearningSwitch()) {
            result = new FlowSetupRun(settings(version, false, false), Progress.NONE, new Counters())
                    .measure("weft", weft.start());
        }
        assertThat(result.tally().answered()).isPositive();
        assertThat(result.tally().byPacketOutData()).isEqualTo(result.tally().answered());
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void latencyModeKeepsOnePacketInInFlightAndReportsPercentiles(OFVersion version) throws Exception {
        FlowSetupResult result;
        try (InProcessSouthbound weft = new InProcessSouthbound().withLearningSwitch()) {
            result = new FlowSetupRun(settings(version, true, true), Progress.NONE, new Counters())
                    .measure("weft", weft.start());
        }
        FlowSetupResult.Latency latency = result.latency().orElseThrow();
        assertThat(latency.samples()).isEqualTo(result.tally().answered());
        assertThat(latency.p50()).isPositive().isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.p999());
        assertThat(latency.p999()).isLessThanOrEqualTo(latency.max());
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void theIdealControllerAnswersEveryPacketInWithOneFlowModCarryingItsBufferId(OFVersion version) throws Exception {
        FlowSetupResult result;
        try (IdealController ideal = new IdealController(version, new Counters())) {
            result = new FlowSetupRun(settings(version, false, true), Progress.NONE, new Counters())
                    .measure("ideal", ideal.start());
        }
        Tally t = result.tally();
        assertThat(t.answered()).isPositive();
        assertThat(t.byFlowMod()).isEqualTo(t.answered());
        assertThat(t.flowMods()).isBetween(t.answered() - IN_FLIGHT, t.answered() + IN_FLIGHT);
        assertThat(t.flowModsWithoutBuffer() + t.packetOuts() + t.barriers()).isZero();
        assertThat(result.cpu()).isPresent();
    }
}

package io.weft.bench.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.rest.ControllerUnderTest;
import io.weft.bench.rest.InProcessWeft;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The discovery run against Weft wired in this process over loopback TCP, with a short probe
 * interval and edge settle time so that a test takes seconds: the fabric is found as the
 * REST API reports it, and a cut cable is re-routed at the switches.
 */
@Timeout(120)
class DiscoveryRunTest {
    @TempDir
    Path dir;
    private InProcessWeft weft;
    private ControllerUnderTest controller;

    @BeforeEach
    void startWeft() throws InterruptedException {
        weft = new InProcessWeft(dir.resolve("data"));
        controller = weft.controller();
    }

    @AfterEach
    void stopWeft() throws InterruptedException {
        weft.close();
    }

    private static DiscoveryPlan plan(int rerouteRounds) {
        return new DiscoveryPlan(OFVersion.OF_13, Duration.ofMillis(1), 1, Duration.ofMillis(50), Duration.ofSeconds(30),
                InProcessWeft.PROBE_INTERVAL, 1, rerouteRounds, Duration.ofSeconds(10));
    }

    @Test
    void aRingIsFoundAndACutCableIsReroutedAroundTheOtherSide() throws InterruptedException {
        Fabric ring = Fabrics.ring(5);
        DiscoveryResult r = new DiscoveryRun(plan(2), Progress.NONE).measure("weft", ring, controller, false);

        assertThat(r.complete()).isTrue();
        assertThat(r.linksKnown()).isEqualTo(10);
        assertThat(r.unexpectedLinks()).isZero();
        assertThat(r.connected()).isEqualTo(5);
        assertThat(r.fromLastConnect().getAsLong()).isLessThanOrEqualTo(r.fromFirstConnect().getAsLong());
        assertThat(r.fromFirstConnect().getAsLong() - r.fromLastConnect().getAsLong()).isEqualTo(r.connectSpan());
        assertThat(r.heap()).isEmpty();
        assertThat(r.pathInstalled()).isPresent();
        assertThat(r.reroutes()).hasSize(3);
        assertThat(r.measuredReroutes()).hasSize(2).allSatisfy(round -> {
            assertThat(round.alternative()).isTrue();
            assertThat(round.complete()).isPresent();
            assertThat(round.firstFlowMod().getAsLong()).isLessThanOrEqualTo(round.complete().getAsLong());
            assertThat(round.deletes()).as("the rules on the cut cable are deleted").isPositive();
        });
        assertThat(r.rerouteNote()).isEmpty();
        assertThat(r.benchCounters()).containsKey("bench.fabric.probes.relayed");
        assertThat(weft.weft().counters().get("discovery.probes.accepted")).isPositive();
        assertThat(weft.weft().counters().get("forwarding.rerouted")).isPositive();
    }

    @Test
    void onALineACutCableLeavesNoWayAroundAndTheRoundEndsWhenItsRulesAreGone() throws InterruptedException {
        DiscoveryResult r = new DiscoveryRun(plan(1), Progress.NONE).measure("weft", Fabrics.linear(3), controller,
                false);

        assertThat(r.complete()).isTrue();
        assertThat(r.measuredReroutes()).singleElement().satisfies(round -> {
            assertThat(round.alternative()).isFalse();
            assertThat(round.complete()).isPresent();
        });
    }

    @Test
    void withoutReroutesTheRunSaysWhy() throws InterruptedException {
        DiscoveryResult r = new DiscoveryRun(plan(0), Progress.NONE).measure("weft", Fabrics.linear(2), controller,
                false);
        assertThat(r.complete()).isTrue();
        assertThat(r.reroutes()).isEmpty();
        assertThat(r.rerouteNote()).contains("--reroute-rounds 0");
    }
}

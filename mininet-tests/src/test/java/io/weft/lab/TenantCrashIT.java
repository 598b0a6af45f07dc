package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertNoneConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two tenants' hosts ping each other without pause while the controller is killed
 * ({@code kill -9}) or stopped (SIGTERM) and started again, the switches keeping their tables
 * (Mininet's switches fail secure). Not one echo is lost, while the controller is down or
 * while it comes back and reads the switches' rules back; and once it has looked again, an
 * audit finds every switch holding exactly what it wants.
 */
class TenantCrashIT {
    private static final Duration AUDIT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The hold after a switch connects (7 s by default), then a full audit round, with room to spare. */
    private static final Duration SETTLED_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final int STEADY_REPLIES = 20;
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(10);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final WeftLab lab = new WeftLab("flow-audit-interval: " + AUDIT_INTERVAL.toSeconds() + "s\n");

    @Test
    void noEchoIsLostAcrossKillNineAndAGracefulStop() {
        // leafspine,2,2,3: h1, h2, h3 on leaf s3; h4, h5, h6 on leaf s4.
        Map<String, List<String>> hostsOf = new LinkedHashMap<>();
        hostsOf.put("blue", List.of("h1", "h4"));
        hostsOf.put("red", List.of("h2", "h5"));
        try (MininetNetwork network = lab.network("leafspine,2,2,3", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            hostsOf.forEach((tenant, hosts) -> LabTenant.create(lab.api(), tenant)
                    .bigSwitch("web", hosts.stream().map(wiring::location).toList()));
            hostsOf.values().forEach(hosts -> assertReachability(
                    network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false),
                    Set.copyOf(pairsAmong(hosts))));

            List<ContinuousPing> pings = List.of(network.startPing("h1", "h4", PING_INTERVAL),
                    network.startPing("h5", "h2", PING_INTERVAL));
            awaitReplies(pings, "before the controller went down");
            List<String> cycles = List.of(
                    downAndUp(network, wiring, pings, "kill -9", c -> c.kill(DOWN_TIMEOUT)),
                    downAndUp(network, wiring, pings, "SIGTERM", c -> c.stop(DOWN_TIMEOUT)));
            List<PingTimeline> timelines = pings.stream().map(ContinuousPing::stop).toList();

            System.out.printf("[lab] two tenants' pings across %s: %s%n", cycles, timelines);
            for (PingTimeline timeline : timelines) {
                assertThat(timeline.missingBeforeLastReply()).as("echoes lost across %s: %s", cycles, timeline)
                        .isEmpty();
                assertThat(timeline.duplicates()).as("duplicate replies: %s", timeline).isZero();
            }
        }
    }

    /**
     * Takes the controller down, checks the pings go on while it is down, starts it again, and
     * waits for two audit rounds after the hold, which must find nothing to repair.
     */
    private static String downAndUp(MininetNetwork network, LabWiring wiring, List<ContinuousPing> pings, String how,
                                    ToIntFunction<ControllerProcess> takeDown) {
        int exitCode = takeDown.applyAsInt(lab.controller());
        assertNoneConnected(network.waitDisconnected(CONNECT_TIMEOUT), "once the controller was down (" + how + ")");
        awaitReplies(pings, "while the controller was down (" + how + ")");
        lab.controller().start(READY_TIMEOUT);
        assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the restart (" + how + ")");
        Metrics settled = Poll.until("two audits of every switch after the restart (" + how + ")", SETTLED_TIMEOUT,
                () -> lab.api().metrics(),
                metrics -> metrics.value("weft_vnet_audit_reads_total") >= 2.0 * wiring.switches().size()).value();
        awaitReplies(pings, "after the restart (" + how + ")");
        assertThat(settled.value("weft_vnet_audit_repaired_total"))
                .as("rules the audits repaired after %s: the switches kept exactly what Weft wants", how).isZero();
        assertThat(settled.value("weft_flows_read_inexpressible_total")).isZero();
        assertThat(settled.value("weft_vnet_reconcile_read_failed_total")).isZero();
        return how + " (exit " + exitCode + ")";
    }

    private static void awaitReplies(List<ContinuousPing> pings, String when) {
        pings.forEach(ping -> ping.awaitMoreReplies(STEADY_REPLIES, STEADY_TIMEOUT, when));
    }

}

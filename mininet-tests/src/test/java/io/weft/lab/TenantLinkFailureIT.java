package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cable under a tenant's path fails: the tenant's ping, between hosts of its big switch
 * on two leaves, carries on over the other spine after a gap, which is measured.
 */
class TenantLinkFailureIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final Duration MAX_REROUTE_GAP = Duration.ofSeconds(5);
    private static final int STEADY_REPLIES = 20;
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration RULES_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ON_PATH_TIMEOUT = Duration.ofMillis(2500);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    @Test
    void aTenantsPingSurvivesACableOfItsPathGoingDown() {
        // leafspine,2,2,3: spines s1, s2; h1 on leaf s3 pings h4 on leaf s4, both blue's.
        String src = "h1";
        String dst = "h4";
        String leaf = "s3";
        List<String> spines = List.of("s1", "s2");
        try (MininetNetwork network = lab.network("leafspine,2,2,3", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            LabTenant blue = LabTenant.create(lab.api(), "blue");
            blue.bigSwitch("web", List.of(wiring.location(src), wiring.location(dst)));
            // The ping must go by the tenant's rules, not by default forwarding, or this proves nothing.
            long cookie = blue.cookie("web");
            Poll.until("blue's rules (cookie " + Long.toHexString(cookie) + ") on " + leaf, RULES_TIMEOUT,
                    () -> network.dumpFlows().get(leaf), flows -> flows.stream().anyMatch(f -> f.cookie() == cookie));

            ContinuousPing ping = network.startPing(src, dst, PING_INTERVAL);
            awaitReplies(ping, 0, "before any change");
            // Which spine the tenant's path crosses: the leaf's uplink that sends the echo requests.
            LabWiring.Cable cable = TenantLab.carrying(network, wiring, leaf, spines, STEADY_REPLIES, ON_PATH_TIMEOUT);

            int beforeDown = ping.progress().received();
            double downAt = network.linkDown(cable.a(), cable.b());
            ContinuousPing.Progress resumed = awaitReplies(ping, beforeDown, "after " + cable + " went down");
            int beforeUp = ping.progress().received();
            network.linkUp(cable.a(), cable.b());
            awaitReplies(ping, beforeUp, "after " + cable + " came up again");
            PingTimeline timeline = ping.stop();

            PingTimeline.Gap reroute = timeline.longestGap(downAt, resumed.lastReply());
            System.out.printf("[lab] tenant reroute gap: %d ms (%s->%s, %s went down); ping %s%n", reroute.millis(),
                    src, dst, cable, timeline);
            assertThat(reroute.resumed()).as("replies resumed after %s went down", cable).isTrue();
            assertThat(reroute.millis()).as("gap in the tenant's replies around %s going down (ms)", cable)
                    .isLessThan(MAX_REROUTE_GAP.toMillis());
            assertThat(timeline.duplicates()).as("duplicate replies (a forwarding loop would make them)").isZero();
            ControllerView.assertNoOverload(lab.api());
        }
    }

    private static ContinuousPing.Progress awaitReplies(ContinuousPing ping, int before, String when) {
        return Poll.until(STEADY_REPLIES + " more replies to " + ping + " " + when, STEADY_TIMEOUT, ping::progress,
                progress -> progress.received() >= before + STEADY_REPLIES).value();
    }
}

package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cable on the path of a running ping fails ({@code link s1 s2 down} at the Mininet
 * prompt): the controller re-routes the ping over the rest of the ring from the port-status
 * event, so the ping goes on after a short gap, which is measured and reported; the API
 * drops the cable's links at once. When the cable comes back, discovery finds it again
 * within a probe interval and the ping carries on.
 */
class LinkFailureIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    /** Issue 3 asks for "a fraction of a second"; the bound is generous so that a slow machine passes. */
    private static final Duration MAX_REROUTE_GAP = Duration.ofSeconds(5);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** A cable that comes up is probed at once; a round of probes later at most, it is a link again. */
    private static final Duration REDISCOVERY_TIMEOUT = PROBE_INTERVAL.plusSeconds(1);
    /** Replies a second's worth of pings brings: proof the ping flows, before and after each change. */
    private static final int STEADY_REPLIES = 20;
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for the ping's 20 packets a second, too short for the probes' one every 2 s. */
    private static final Duration ON_PATH_TIMEOUT = Duration.ofMillis(2500);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    /** A ping across a ring, and which cable of its path fails: the {@code hop}-th, counting from 0. */
    record Failure(String topology, String src, String dst, int hop) {
        @Override
        public String toString() {
            return "%s, %s->%s, cable %d of the path fails".formatted(topology, src, dst, hop);
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                //          topology  ping from  to    failing cable of the path
                new Failure("ring,4", "h1",      "h3", 0),
                new Failure("ring,4", "h1",      "h3", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aPingAcrossTheRingSurvivesACableOnItsPathGoingDownAndUp(Failure failure) {
        try (MininetNetwork network = lab.network(failure.topology(), OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);

            ContinuousPing ping = network.startPing(failure.src(), failure.dst(), PING_INTERVAL);
            awaitReplies(ping, 0, "before any change");

            // The path the controller routes the ping along, as the API tells it; the cable must
            // carry the echo requests, or taking it down would prove nothing.
            String srcMac = wiring.hosts().get(failure.src()).mac();
            String dstMac = wiring.hosts().get(failure.dst()).mac();
            List<WeftApi.Link> path = lab.api().path(srcMac, dstMac);
            assertThat(path).as("path %s->%s", failure.src(), failure.dst()).hasSizeGreaterThan(failure.hop());
            WeftApi.Link failing = path.get(failure.hop());
            LabWiring.Cable cable = wiring.cableOf(failing);
            String sendingSwitch = failing.src().device().equals(wiring.deviceId(cable.a())) ? cable.a() : cable.b();
            awaitEchoRequestsOn(network, sendingSwitch, failing.src().port());

            int beforeDown = ping.progress().received();
            double downAt = network.linkDown(cable.a(), cable.b());
            Set<WeftApi.Link> gone = Poll.until("the links of " + cable + " gone from the API", DISCOVERY_TIMEOUT,
                    () -> Set.copyOf(lab.api().links()),
                    links -> links.stream().noneMatch(wiring.links(cable)::contains)).value();
            double goneAfter = now() - downAt;
            assertThat(gone).as("links once %s is down", cable)
                    .containsExactlyInAnyOrderElementsOf(without(wiring.expectedLinks(), wiring.links(cable)));
            ContinuousPing.Progress resumed = awaitReplies(ping, beforeDown, "after " + cable + " went down");

            int beforeUp = ping.progress().received();
            double upAt = network.linkUp(cable.a(), cable.b());
            Poll.until("the links of " + cable + " back in the API", REDISCOVERY_TIMEOUT,
                    () -> Set.copyOf(lab.api().links()), links -> links.containsAll(wiring.links(cable)));
            double backAfter = now() - upAt;
            awaitReplies(ping, beforeUp, "after " + cable + " came up again");
            PingTimeline timeline = ping.stop();

            PingTimeline.Gap reroute = timeline.longestGap(downAt, resumed.lastReply());
            PingTimeline.Gap restore = timeline.longestGap(upAt, timeline.stopped());
            System.out.printf("[lab] reroute gap: %d ms (%s, %s went down)%n", reroute.millis(), failure, cable);
            System.out.printf("[lab] %s: path %s; links gone from the API %.2fs after the cable went down, back"
                            + " %.2fs after it came up; longest gap after it came up %s; ping %s%n", failure, path,
                    goneAfter, backAfter, restore, timeline);
            assertThat(reroute.resumed()).as("replies resumed after %s went down", cable).isTrue();
            assertThat(reroute.millis()).as("gap in replies around %s going down (ms)", cable)
                    .isLessThan(MAX_REROUTE_GAP.toMillis());
            assertThat(restore.millis()).as("gap in replies after %s came up again (ms)", cable)
                    .isLessThan(MAX_REROUTE_GAP.toMillis());
            assertThat(timeline.duplicates()).as("duplicate replies (a forwarding loop would make them)").isZero();
            ControllerView.assertNoOverload(lab.api());
        }
    }

    /** Waits for a second's worth of replies more than {@code before}; the progress when they came. */
    private static ContinuousPing.Progress awaitReplies(ContinuousPing ping, int before, String when) {
        return Poll.until(STEADY_REPLIES + " more replies to " + ping + " " + when, STEADY_TIMEOUT, ping::progress,
                progress -> progress.received() >= before + STEADY_REPLIES).value();
    }

    /** The port sends the ping's echo requests: 20 packets a second, where probes alone are one every 2 s. */
    private static void awaitEchoRequestsOn(MininetNetwork network, String switchName, int port) {
        long first = network.packetsSent(switchName).getOrDefault(port, 0L);
        Poll.until(STEADY_REPLIES + " more packets out of " + switchName + " port " + port
                        + ", the failing cable", ON_PATH_TIMEOUT, () -> network.packetsSent(switchName),
                (Map<Integer, Long> sent) -> sent.getOrDefault(port, 0L) >= first + STEADY_REPLIES);
    }

    /** The lab machine's clock, as the driver times link changes and ping replies: seconds since the epoch. */
    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static Set<WeftApi.Link> without(Set<WeftApi.Link> all, Set<WeftApi.Link> removed) {
        return all.stream().filter(link -> !removed.contains(link)).collect(Collectors.toSet());
    }
}

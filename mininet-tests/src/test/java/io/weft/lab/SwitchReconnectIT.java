package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leaf's control connection is cut silently, as a dead cable or a stuck firewall would cut
 * it: every packet of it is dropped, so neither end sees it close. Weft notices only by its
 * idle timeout (no answer to its echoes); the leaf keeps forwarding with the rules it has.
 * While it is cut off, the cable its tenant's path takes to a spine goes down, and the leaf
 * still sends into the dead cable, since only Weft can tell it otherwise. When the leaf is
 * back, its rules are read back and repaired at once (a rule sending out of a port that is
 * down is not worth keeping while the view is rebuilt), and the tenant's ping goes over the
 * other spine.
 *
 * <p>The leaf is first moved to a control address of its own (127.0.0.2), so that the cut,
 * two iptables rules, drops its connection and no other switch's.
 */
class SwitchReconnectIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final int STEADY_REPLIES = 20;
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ON_PATH_TIMEOUT = Duration.ofMillis(2500);
    /** Reconnect to replies: the handshake, the read back, a compile; well under the 7 s hold. */
    private static final Duration MAX_RECOVERY = Duration.ofSeconds(4);
    /** Weft closes a connection silent for more than {@code ECHO_MISSES} echo intervals. */
    private static final Duration ECHO_INTERVAL = Duration.ofSeconds(1);
    private static final int ECHO_MISSES = 3;
    private static final String LEAF_ADDRESS = "127.0.0.2";

    @RegisterExtension
    static final WeftLab lab = new WeftLab("openflow:\n  echo-interval: " + ECHO_INTERVAL.toSeconds()
            + "s\n  echo-misses: " + ECHO_MISSES + "\n");

    @Test
    void aLeafCutOffSilentlyPastTheIdleTimeoutWhileItsUplinkWentDownConvergesWhenItIsBack() {
        // leafspine,2,2,2: spines s1, s2; h1 on leaf s3 pings h3 on leaf s4, both blue's.
        String leaf = "s3";
        try (MininetNetwork network = lab.network("leafspine,2,2,2", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            LabTenant blue = LabTenant.create(lab.api(), "blue");
            blue.bigSwitch("web", List.of(wiring.location("h1"), wiring.location("h3")));
            long cookie = blue.cookie("web");
            Poll.until("blue's rules on " + leaf, STATE_TIMEOUT, () -> network.dumpFlows().get(leaf),
                    flows -> flows.stream().anyMatch(f -> f.cookie() == cookie));

            ContinuousPing ping = network.startPing("h1", "h3", PING_INTERVAL);
            ping.awaitMoreReplies(STEADY_REPLIES, STEADY_TIMEOUT, "before the leaf was cut off");
            LabWiring.Cable cable = TenantLab.carrying(network, wiring, leaf, List.of("s1", "s2"), STEADY_REPLIES,
                    ON_PATH_TIMEOUT);
            String spine = cable.a().equals(leaf) ? cable.b() : cable.a();
            int deadPort = TenantLab.leafPort(wiring, leaf, spine);

            String target = HostCommand.vsctl("get-controller", leaf).trim();
            String leafId = wiring.deviceId(leaf);
            String ownTarget = "tcp:" + LEAF_ADDRESS + ":" + lab.controller().openFlowPort();
            double handshakes = lab.api().metrics().value("weft_openflow_handshakes_completed_total");
            HostCommand.vsctl("set-controller", leaf, ownTarget);
            Poll.until(leaf + " connected over " + ownTarget, STATE_TIMEOUT, () -> connectedOver(ownTarget),
                    Boolean::booleanValue);
            Poll.until(leaf + "'s handshake over " + ownTarget, STATE_TIMEOUT,
                    () -> lab.api().metrics().value("weft_openflow_handshakes_completed_total"), n -> n > handshakes);
            Poll.until(leaf + " available to Weft over " + ownTarget, STATE_TIMEOUT, () -> device(leafId),
                    WeftApi.Device::available);
            ping.awaitMoreReplies(STEADY_REPLIES, STEADY_TIMEOUT, "after " + leaf + " moved to " + ownTarget);

            Metrics beforeCut = lab.api().metrics();
            List<String> cut = List.of("-i", "lo", "-p", "tcp", "-d", LEAF_ADDRESS, "--dport",
                    Integer.toString(lab.controller().openFlowPort()), "-j", "DROP");
            List<String> cutReplies = List.of("-i", "lo", "-p", "tcp", "-s", LEAF_ADDRESS, "--sport",
                    Integer.toString(lab.controller().openFlowPort()), "-j", "DROP");
            iptables("-I", cut);
            iptables("-I", cutReplies);
            try {
                double cutAt = System.currentTimeMillis() / 1000.0;
                Poll.until(leaf + " unavailable to Weft", STATE_TIMEOUT, () -> device(leafId),
                        device -> !device.available());
                double noticedAt = System.currentTimeMillis() / 1000.0;
                assertThat(lab.api().metrics().value("weft_openflow_closed_idle_total")
                        - beforeCut.value("weft_openflow_closed_idle_total"))
                        .as("connections Weft closed for silence").isEqualTo(1);
                assertThat(noticedAt - cutAt).as("seconds from the cut to Weft giving %s up", leaf)
                        .isGreaterThanOrEqualTo(ECHO_INTERVAL.multipliedBy(ECHO_MISSES).toMillis() / 1000.0);
                network.linkDown(cable.a(), cable.b());
                Poll.until("Weft to drop the links of " + cable, STATE_TIMEOUT, () -> lab.api().links(),
                        links -> links.stream().noneMatch(link -> link.touches(new WeftApi.ConnectPoint(
                                wiring.deviceId(spine), TenantLab.leafPort(wiring, spine, leaf)))));
                assertThat(network.dumpFlows().get(leaf)).as("%s, cut off, still sends into port %d", leaf, deadPort)
                        .anyMatch(f -> f.cookie() == cookie && f.line().contains("output:" + deadPort));
                System.out.printf("[lab] %s cut off silently; Weft gave it up after %.1f s%n", leaf,
                        noticedAt - cutAt);
            } finally {
                iptables("-D", cut);
                iptables("-D", cutReplies);
            }

            int beforeBack = ping.progress().received();
            // Back to its first address: the leaf connects at once instead of at its next retry.
            HostCommand.vsctl("set-controller", leaf, target);
            double backAt = System.currentTimeMillis() / 1000.0;
            Poll.until(leaf + " available to Weft again", STATE_TIMEOUT, () -> device(leafId), WeftApi.Device::available);
            ContinuousPing.Progress resumed = Poll.until(STEADY_REPLIES + " replies after " + leaf + " came back",
                    STEADY_TIMEOUT, ping::progress, p -> p.received() >= beforeBack + STEADY_REPLIES).value();
            assertThat(network.dumpFlows().get(leaf)).as("%s's blue rules after it came back", leaf)
                    .noneMatch(f -> f.cookie() == cookie && f.line().contains("output:" + deadPort));
            PingTimeline timeline = ping.stop();
            network.linkUp(cable.a(), cable.b());

            PingTimeline.Gap recovery = timeline.longestGap(backAt, resumed.lastReply());
            System.out.printf("[lab] %s cut off while %s went down, back: replies resumed %s after it reconnected;"
                    + " ping %s%n", leaf, cable, recovery, timeline);
            assertThat(recovery.resumed()).isTrue();
            assertThat(resumed.lastReply() - backAt).as("seconds from reconnecting to %d replies", STEADY_REPLIES)
                    .isLessThan(MAX_RECOVERY.toSeconds() + STEADY_REPLIES * PING_INTERVAL.toMillis() / 1000.0);
        }
    }

    private static WeftApi.Device device(String id) {
        return lab.api().devices().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("Weft does not list " + id));
    }

    private static boolean connectedOver(String target) {
        return HostCommand.vsctl("--bare", "--columns=is_connected", "find", "controller",
                "target=\"" + target + "\"").trim().equals("true");
    }

    private static void iptables(String command, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", command, "INPUT"));
        argv.addAll(rule);
        HostCommand.run(argv.toArray(String[]::new));
    }
}

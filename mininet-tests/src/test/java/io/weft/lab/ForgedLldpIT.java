package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A host cannot make a link with LLDP. Host h1 overhears one of the controller's probes on
 * its own port and sends it back: without its signature, with a garbled signature, as is,
 * rewritten to claim h2's switch port; h2 sends the same probe from its own port (two
 * colluding hosts); both send it again once it is older than the maximum age. The links
 * stay those of the cables, none touches a host's port, and each forgery is counted under
 * the refusal the discovery's checks give it.
 *
 * <p>The hosts speak first (a pingall), as hosts do: a probe relayed between two ports where
 * no host has ever been seen is indistinguishable from a cable (see LinkDiscovery).
 */
class ForgedLldpIT {
    private static final String TOPOLOGY = "linear,2";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HOSTS_TIMEOUT = Duration.ofSeconds(10);
    /** Probes go out every 2 s: one reaches h1 within that. */
    private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(5);
    /** Past the controller's maximum probe age, 3 s. */
    private static final Duration LATE = Duration.ofMillis(3500);
    private static final Duration COUNTED_TIMEOUT = Duration.ofSeconds(10);
    private static final String DROPPED = "weft_discovery_dropped_";

    /** The forgeries, and the refusal counter each one must earn, in the discovery's order of checks. */
    private static final Map<String, String> REFUSALS = refusals(
            // frame            sent by  refused as
            "unsigned",      /* h1 */ "unsigned",   // the signature TLV left out
            "garbled",       /* h1 */ "forged",     // the signature's last byte flipped
            "spoofed",       /* h1 */ "forged",     // claims to come from s2 port 1, under s1's signature
            "replayed",      /* h1 */ "loopback",   // back into the port it left
            "relayed",       /* h2 */ "host_port",  // into s2 port 1, where h2 is known
            "replayed_late", /* h1 */ "stale",
            "relayed_late",  /* h2 */ "stale");

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OpenFlowVersion.class, names = {"OF_13", "OF_10"})
    void forgedAndReplayedProbesMakeNoLink(OpenFlowVersion protocol) {
        try (MininetNetwork network = lab.network(TOPOLOGY, protocol)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            assertReachability(network.pingAll(5, Duration.ofSeconds(30)),
                    Reachability.ALL_PAIRS.expectedPairs(network.hosts()));
            ControllerView.awaitHosts(lab.api(), wiring, HOSTS_TIMEOUT);

            Metrics before = lab.api().metrics();
            LabWiring.HostPort h2 = wiring.hosts().get("h2");
            LldpForgery forgery = network.forgeLldp("h1", "h2", h2.switchName(), h2.port(), LATE, CAPTURE_TIMEOUT);
            assertThat(forgery.sent()).extracting(LldpForgery.Frame::kind)
                    .containsExactlyInAnyOrderElementsOf(REFUSALS.keySet());

            Map<String, Double> expected = expectedGrowth(forgery);
            Poll.Outcome<Metrics> counted = Poll.until("the discovery to refuse " + forgery.sent() + ", growing "
                    + expected, COUNTED_TIMEOUT, lab.api()::metrics, metrics -> grewBy(metrics, before, expected));
            Map<String, Double> growth = counted.value().growthSince(before, DROPPED);

            Set<WeftApi.Link> links = Set.copyOf(lab.api().links());
            assertThat(links).as("links after the forgeries: the cables' only")
                    .containsExactlyInAnyOrderElementsOf(wiring.expectedLinks());
            ControllerView.assertNoLinkAtHostPorts(links, wiring);
            ControllerView.assertNoOverload(lab.api());
            System.out.printf("[lab] forged LLDP over %s: h1 overheard %s; sent %s; drop counters grew %s%n",
                    protocol, forgery.captured(), forgery.sent(), growth);
        }
    }

    private static Map<String, Double> expectedGrowth(LldpForgery forgery) {
        Map<String, Double> growth = new LinkedHashMap<>();
        forgery.sent().forEach(frame -> growth.merge(DROPPED + REFUSALS.get(frame.kind()) + "_total", 1.0,
                Double::sum));
        return growth;
    }

    private static boolean grewBy(Metrics now, Metrics before, Map<String, Double> expected) {
        Map<String, Double> growth = now.growthSince(before, DROPPED);
        SoftAssertions check = new SoftAssertions();
        expected.forEach((counter, least) -> check.assertThat(growth.getOrDefault(counter, 0.0))
                .as(counter).isGreaterThanOrEqualTo(least));
        return check.errorsCollected().isEmpty();
    }

    private static Map<String, String> refusals(String... frameThenRefusal) {
        Map<String, String> refusals = new LinkedHashMap<>();
        for (int i = 0; i < frameThenRefusal.length; i += 2) {
            refusals.put(frameThenRefusal[i], frameThenRefusal[i + 1]);
        }
        return Map.copyOf(refusals);
    }
}

package io.weft.lab;

import static io.weft.lab.HostAddress.address;
import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two tenants, blue and red, each with a big-switch network over the ports of its hosts, on
 * a leaf-spine fabric (loops: every leaf reaches every other over each spine). Their hosts
 * use the same IP addresses, and in the second case the same MACs too: each network's hosts
 * reach each other and nothing else, and the hosts on ports no tenant holds reach each other
 * but no tenant's host.
 */
class TenantIsolationIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);
    /** Pings that must be lost: one retry, in case the first fell while rules were being written. */
    private static final int CROSS_TRIES = 2;
    private static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final int BURST = 20;
    private static final Duration BURST_TIMEOUT = Duration.ofSeconds(10);
    private static final String UNASSIGNED = "no tenant";

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    /**
     * leafspine,2,2,3: h1, h2, h3 on leaf s3, h4, h5, h6 on leaf s4. Each tenant has one host
     * on each leaf; {@code groups} names which, and the hosts on ports no tenant holds.
     */
    record Isolation(String name, String suffix, Map<String, List<String>> groups,
                     Map<String, HostAddress> addresses) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Isolation> cases() {
        Map<String, List<String>> groups = Map.of(
                "blue", List.of("h1", "h4"),
                "red", List.of("h2", "h5"),
                UNASSIGNED, List.of("h3", "h6"));
        return Stream.of(
                new Isolation("the same IP addresses in both tenants", "ip", groups, Map.of(
                        //   blue                                       red
                        "h1", address("10.0.0.1", "00:00:00:00:0b:01"), "h2", address("10.0.0.1", "00:00:00:00:0e:01"),
                        "h4", address("10.0.0.2", "00:00:00:00:0b:02"), "h5", address("10.0.0.2", "00:00:00:00:0e:02"),
                        // no tenant
                        "h3", address("10.0.1.3", "00:00:00:00:00:03"), "h6", address("10.0.1.6", "00:00:00:00:00:06"))),
                new Isolation("the same IP and MAC addresses in both tenants", "mac", groups, Map.of(
                        "h1", address("10.0.0.1", "00:00:00:00:01:01"), "h2", address("10.0.0.1", "00:00:00:00:01:01"),
                        "h4", address("10.0.0.2", "00:00:00:00:01:02"), "h5", address("10.0.0.2", "00:00:00:00:01:02"),
                        "h3", address("10.0.1.3", "00:00:00:00:00:03"), "h6", address("10.0.1.6", "00:00:00:00:00:06"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachNetworkReachesOnlyItself(Isolation isolation) {
        try (MininetNetwork network = lab.network("leafspine,2,2,3", isolation.addresses(), OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            List<LabTenant> tenants = new ArrayList<>();
            try {
                isolation.groups().forEach((group, hosts) -> {
                    if (!group.equals(UNASSIGNED)) {
                        LabTenant tenant = LabTenant.create(lab.api(), group + "-" + isolation.suffix());
                        tenants.add(tenant);
                        tenant.bigSwitch("web", hosts.stream().map(wiring::location).toList());
                    }
                });
                checkIsolation(network, wiring, isolation);
            } finally {
                // The next case grants the same ports: the controller and its store outlive the network.
                tenants.forEach(LabTenant::delete);
            }
        }
    }

    private static void checkIsolation(MininetNetwork network, LabWiring wiring, Isolation isolation) {
        List<String> report = new ArrayList<>();
        isolation.groups().forEach((group, hosts) -> {
            PingReport inside = network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false);
            assertReachability(inside, Set.copyOf(pairsAmong(hosts)));
            report.add(group + " " + inside);
        });
        isolation.groups().forEach((from, fromHosts) -> isolation.groups().forEach((to, toHosts) -> {
            List<HostPair> aimed = aimable(isolation, fromHosts, toHosts);
            if (!from.equals(to) && !aimed.isEmpty()) {
                PingReport across = network.pingPairs(aimed, CROSS_TRIES, PING_DEADLINE, true);
                assertThat(across.reached()).as("pings from %s to %s that got a reply (%s)", from, to, across)
                        .isEmpty();
                report.add(from + "->" + to + " " + across.unreached().size() + "/" + aimed.size() + " lost");
            }
        }));
        // A ping inside blue whose destination's twin in red (same IP) sees none of it, and the other way round.
        report.add(assertNotSeenByTwin(network, wiring, "h1", "h4", "h5"));
        report.add(assertNotSeenByTwin(network, wiring, "h2", "h5", "h4"));
        ControllerView.assertNoOverload(lab.api());
        System.out.printf("[lab] tenant isolation, %s: %s%n", isolation, String.join("; ", report));
    }

    /**
     * The pairs a ping can be aimed at, with the destination's MAC given to the source: not
     * a destination with the source's own IP (the ping would never leave it), nor one whose
     * MAC a host of the source's own group has (it would rightly answer in its place).
     */
    private static List<HostPair> aimable(Isolation isolation, List<String> fromHosts, List<String> toHosts) {
        List<HostPair> pairs = new ArrayList<>();
        for (String src : fromHosts) {
            for (String dst : toHosts) {
                HostAddress target = isolation.addresses().get(dst);
                boolean ownIp = isolation.addresses().get(src).ip().equals(target.ip());
                boolean macAtHome = fromHosts.stream()
                        .anyMatch(host -> isolation.addresses().get(host).mac().equals(target.mac()));
                if (!ownIp && !macAtHome) {
                    pairs.add(new HostPair(src, dst));
                }
            }
        }
        return pairs;
    }

    /**
     * {@code src} pings {@code dst} {@value #BURST} times; the switch port of {@code twin},
     * the other tenant's host with {@code dst}'s addresses, sends far fewer packets than that
     * meanwhile (only the controller's probes), while {@code dst}'s sends them all.
     */
    private static String assertNotSeenByTwin(MininetNetwork network, LabWiring wiring, String src, String dst,
                                              String twin) {
        LabWiring.HostPort to = wiring.hosts().get(dst);
        LabWiring.HostPort other = wiring.hosts().get(twin);
        long toBefore = network.packetsSent(to.switchName()).getOrDefault(to.port(), 0L);
        long twinBefore = network.packetsSent(other.switchName()).getOrDefault(other.port(), 0L);
        ContinuousPing ping = network.startPing(src, dst, PING_INTERVAL);
        Poll.until(BURST + " replies to " + ping, BURST_TIMEOUT, ping::progress,
                progress -> progress.received() >= BURST);
        PingTimeline timeline = ping.stop();
        long toSent = network.packetsSent(to.switchName()).getOrDefault(to.port(), 0L) - toBefore;
        long twinSent = network.packetsSent(other.switchName()).getOrDefault(other.port(), 0L) - twinBefore;
        assertThat(toSent).as("packets out of %s's port during %s", dst, timeline).isGreaterThanOrEqualTo(BURST);
        assertThat(twinSent).as("packets out of the port of %s, %s's twin in the other tenant, during %s",
                twin, dst, timeline).isLessThan(BURST / 4);
        assertThat(timeline.duplicates()).as("duplicate replies to %s", timeline).isZero();
        return "%s->%s: %d out of %s's port, %d out of twin %s's".formatted(src, dst, toSent, dst, twinSent, twin);
    }
}

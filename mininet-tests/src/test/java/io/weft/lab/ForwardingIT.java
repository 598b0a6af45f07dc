package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertOnlyWeftFlows;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_10;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.OpenFlowVersion.OF_14;
import static io.weft.lab.OpenFlowVersion.OF_15;
import static io.weft.lab.Reachability.ALL_PAIRS;
import static io.weft.lab.Scenario.scenario;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Out of the box, Weft forwards: switches of any supported OpenFlow version connect, the
 * controller finds the links between them, every host reaches every other one, and the
 * rules that make it so are Weft's.
 *
 * <p>One controller serves every scenario in turn, as it would serve a user who builds one
 * Mininet network after another.
 */
class ForwardingIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(45);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    static Stream<Scenario> scenarios() {
        return Stream.of(
                //       topology                 switches speak   expected
                scenario("single,3",              OF_10,           ALL_PAIRS),
                scenario("single,3",              OF_13,           ALL_PAIRS),
                scenario("single,3",              OF_14,           ALL_PAIRS),
                scenario("single,3",              OF_15,           ALL_PAIRS),
                scenario("linear,4",              OF_10,           ALL_PAIRS),
                scenario("linear,4",              OF_13,           ALL_PAIRS),
                scenario("linear,4",              OF_14,           ALL_PAIRS),
                scenario("linear,4",              OF_15,           ALL_PAIRS),
                scenario("tree,depth=2,fanout=3", OF_10,           ALL_PAIRS),
                scenario("tree,depth=2,fanout=3", OF_13,           ALL_PAIRS),
                scenario("tree,depth=2,fanout=3", OF_14,           ALL_PAIRS),
                scenario("tree,depth=2,fanout=3", OF_15,           ALL_PAIRS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void hostsReachEachOtherThroughWeftFlows(Scenario scenario) {
        long start = System.nanoTime();
        try (MininetNetwork network = lab.network(scenario.topology(), scenario.protocol())) {
            ConnectionState connected = network.waitConnected(CONNECT_TIMEOUT);
            assertAllConnected(connected, "after the network started");
            // Hosts are learned, and broadcasts flooded, only at edge ports: ports without links.
            double discovered = ControllerView.awaitTopology(lab.api(), network.wiring(), DISCOVERY_TIMEOUT);

            PingReport pings = network.pingAll(PING_TRIES, PING_DEADLINE);
            assertReachability(pings, scenario.expected().expectedPairs(network.hosts()));

            assertOnlyWeftFlows(network.dumpFlows(), network.switches());

            System.out.printf("[lab] %s: connected in %.1fs, links in %.1fs more, pings %s, %.1fs in all%n",
                    scenario, connected.seconds(), discovered, pings, (System.nanoTime() - start) / 1e9);
        }
    }
}

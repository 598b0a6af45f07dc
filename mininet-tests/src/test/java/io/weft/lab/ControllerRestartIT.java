package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertNoneConnected;
import static io.weft.lab.LabAssertions.assertOnlyWeftFlows;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.Reachability.ALL_PAIRS;
import static io.weft.lab.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A controller restart is survived: stopped with SIGTERM under a running network, started
 * again on the same port with the same data directory, it gets its switches back and the
 * hosts reach each other again.
 */
class ControllerRestartIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(45);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    /** The switches keep their tables while the controller is away, as Open vSwitch in secure mode does. */
    @Test
    void switchesReconnectAndHostsReachEachOtherAfterARestart() {
        Scenario scenario = scenario("tree,depth=2,fanout=3", OF_13, ALL_PAIRS);
        try (MininetNetwork network = lab.network(scenario.topology(), scenario.protocol())) {
            Set<HostPair> expected = scenario.expected().expectedPairs(network.hosts());
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "before the restart");
            ControllerView.awaitTopology(lab.api(), network.wiring(), DISCOVERY_TIMEOUT);
            assertReachability(network.pingAll(PING_TRIES, PING_DEADLINE), expected);

            Restart restart = restartController(network, () -> { });

            // Forgotten neighbours make the hosts ARP again: broadcasts the new process must handle.
            network.flushArp();
            PingReport pings = network.pingAll(PING_TRIES, PING_DEADLINE);
            assertReachability(pings, expected);
            assertOnlyWeftFlows(network.dumpFlows(), network.switches());
            System.out.printf("[lab] restart under %s: %s, pings %s%n", scenario, restart, pings);
        }
    }

    /**
     * The switches lose their tables while the controller is away (as when they restart
     * too): what forwards afterwards is only what the new process programs.
     */
    @Test
    void aRestartedControllerReprogramsSwitchesThatLostTheirFlows() {
        Scenario scenario = scenario("linear,4", OF_13, ALL_PAIRS);
        try (MininetNetwork network = lab.network(scenario.topology(), scenario.protocol())) {
            Set<HostPair> expected = scenario.expected().expectedPairs(network.hosts());
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "before the restart");
            ControllerView.awaitTopology(lab.api(), network.wiring(), DISCOVERY_TIMEOUT);
            assertReachability(network.pingAll(PING_TRIES, PING_DEADLINE), expected);

            Restart restart = restartController(network, network::clearFlows);

            network.flushArp();
            PingReport pings = network.pingAll(PING_TRIES, PING_DEADLINE);
            assertReachability(pings, expected);
            assertOnlyWeftFlows(network.dumpFlows(), network.switches());
            System.out.printf("[lab] restart under %s with tables cleared: %s, pings %s%n", scenario, restart,
                    pings);
        }
    }

    /** How a restart went, for the test output. */
    private record Restart(double stopSeconds, int exitCode, double noticedSeconds, double readySeconds,
                           double reconnectedSeconds) {
        @Override
        public String toString() {
            return "stopped in %.1fs (exit %d), switches noticed in %.1fs, ready again in %.1fs, reconnected in %.1fs"
                    .formatted(stopSeconds, exitCode, noticedSeconds, readySeconds, reconnectedSeconds);
        }
    }

    /** SIGTERM, every switch sees the controller gone, {@code whileDown} runs, start again, every switch back. */
    private static Restart restartController(MininetNetwork network, Runnable whileDown) {
        long stopping = System.nanoTime();
        int exitCode = lab.controller().stop(STOP_TIMEOUT);
        double stopSeconds = seconds(stopping);
        assertThat(lab.controller().isAlive()).as("controller process after SIGTERM").isFalse();
        ConnectionState gone = network.waitDisconnected(CONNECT_TIMEOUT);
        assertNoneConnected(gone, "once the controller stopped");

        whileDown.run();

        long starting = System.nanoTime();
        lab.controller().start(READY_TIMEOUT);
        double readySeconds = seconds(starting);
        ConnectionState back = network.waitConnected(CONNECT_TIMEOUT);
        assertAllConnected(back, "after the restart");
        // The new process knows no link until it has probed the fabric again.
        ControllerView.awaitTopology(lab.api(), network.wiring(), DISCOVERY_TIMEOUT);
        return new Restart(stopSeconds, exitCode, gone.seconds(), readySeconds, back.seconds());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

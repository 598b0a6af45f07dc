package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertDiscoveryAndPathForwardingRules;
import static io.weft.lab.LabAssertions.assertOnlyWeftFlows;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_10;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weft sees the network it controls as it is wired: its REST API reports every switch and
 * both directions of every cable, and after a pingall every host where it is plugged in;
 * on loop-free fabrics and looped ones (a ring, a leaf-spine) alike every host reaches
 * every other one, with no broadcast storm, through path forwarding's rules, with
 * discovery's LLDP rule on every switch.
 */
class TopologyIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Switches are probed as they connect, so links show up within a second or two. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HOSTS_TIMEOUT = Duration.ofSeconds(10);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(45);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    /** A fabric and what the controller must report about it: devices, directed links, hosts. */
    record Fabric(String topology, OpenFlowVersion protocol, int devices, int links, int hosts) {
        @Override
        public String toString() {
            return "%s over %s: %d devices, %d links, %d hosts".formatted(topology, protocol, devices, links, hosts);
        }
    }

    static Stream<Fabric> fabrics() {
        return Stream.of(
                //         topology                 speaks  devices links hosts
                new Fabric("linear,4",              OF_13,  4,      6,    4),
                new Fabric("tree,depth=2,fanout=2", OF_13,  3,      4,    4),
                new Fabric("ring,4",                OF_13,  4,      8,    4),
                new Fabric("leafspine,2,2",         OF_13,  4,      8,    4),
                new Fabric("ring,4",                OF_10,  4,      8,    4),
                new Fabric("leafspine,2,2",         OF_10,  4,      8,    4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fabrics")
    void theApiShowsTheFabricAndEveryHostReachesEveryOther(Fabric fabric) {
        long start = System.nanoTime();
        try (MininetNetwork network = lab.network(fabric.topology(), fabric.protocol())) {
            LabWiring wiring = network.wiring();
            assertThat(wiring.switches()).as("switches Mininet built").hasSize(fabric.devices());
            assertThat(wiring.expectedLinks()).as("directed links of Mininet's cables").hasSize(fabric.links());
            assertThat(wiring.hosts()).as("hosts Mininet built").hasSize(fabric.hosts());
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");

            long connected = System.nanoTime();
            List<WeftApi.Device> devices = ControllerView.awaitDevices(lab.api(), wiring, DISCOVERY_TIMEOUT).value();
            assertThat(devices).as("devices").filteredOn(WeftApi.Device::available).allSatisfy(device ->
                    assertThat(device.protocol()).as("%s protocol", device.id()).isEqualTo(fabric.protocol().name()));
            ControllerView.awaitLinks(lab.api(), wiring, DISCOVERY_TIMEOUT);
            double discovered = (System.nanoTime() - connected) / 1e9;

            PingReport pings = network.pingAll(PING_TRIES, PING_DEADLINE);
            assertReachability(pings, Reachability.ALL_PAIRS.expectedPairs(network.hosts()));

            ControllerView.awaitHosts(lab.api(), wiring, HOSTS_TIMEOUT);
            ControllerView.assertNoLinkAtHostPorts(Set.copyOf(lab.api().links()), wiring);
            Map<String, List<FlowEntry>> flows = network.dumpFlows();
            assertOnlyWeftFlows(flows, network.switches());
            assertDiscoveryAndPathForwardingRules(flows);
            ControllerView.assertNoOverload(lab.api());

            System.out.printf("[lab] %s: devices and links in the API %.2fs after the switches connected, pings %s,"
                    + " %.1fs in all%n", fabric, discovered, pings, (System.nanoTime() - start) / 1e9);
        }
    }
}

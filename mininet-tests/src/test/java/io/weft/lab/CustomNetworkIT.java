package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static io.weft.lab.TenantLab.pairsBetween;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant's custom network vs1 - vs2 - vs3 on a leaf-spine fabric: its hosts reach each
 * other along the virtual links; deleting the vs2 - vs3 link cuts off the host of vs3, even
 * though it shares a physical switch with the host of vs1, and changes nothing else.
 */
class CustomNetworkIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);
    private static final int LOST_TRIES = 2;

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    @Test
    void deletingAVirtualLinkCutsExactlyWhatTheVirtualTopologySays() {
        // leafspine,2,2,3: h1, h2, h3 on leaf s3; h4, h5, h6 on leaf s4.
        Map<String, String> hostOf = Map.of(
                //   virtual switch  its host
                "vs1", "h1",
                "vs2", "h4",
                "vs3", "h2");
        List<String> unassigned = List.of("h3", "h5", "h6");
        try (MininetNetwork network = lab.network("leafspine,2,2,3", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);

            LabTenant tenant = LabTenant.create(lab.api(), "green");
            tenant.customNetwork("lab");
            hostOf.forEach((vs, host) -> {
                tenant.addSwitch("lab", vs);
                tenant.addEdgePort("lab", vs, tenant.attach(wiring.location(host)));
            });
            tenant.addLink("lab", "vs1", tenant.addInternalPort("lab", "vs1"),
                    "vs2", tenant.addInternalPort("lab", "vs2"));
            String cut = tenant.addLink("lab", "vs2", tenant.addInternalPort("lab", "vs2"),
                    "vs3", tenant.addInternalPort("lab", "vs3"));

            List<String> tenantHosts = List.of(hostOf.get("vs1"), hostOf.get("vs2"), hostOf.get("vs3"));
            PingReport joined = network.pingPairs(pairsAmong(tenantHosts), PING_TRIES, PING_DEADLINE, false);
            assertReachability(joined, Set.copyOf(pairsAmong(tenantHosts)));
            assertUnassignedOnTheirOwn(network, unassigned, tenantHosts);

            tenant.deleteLink("lab", cut);
            network.flushArp();
            List<String> stillJoined = List.of(hostOf.get("vs1"), hostOf.get("vs2"));
            List<HostPair> severed = pairsBetween(List.of(hostOf.get("vs3")), stillJoined);
            // Rules change after the DELETE answers: wait until the cut shows, then check it holds.
            Poll.until("the host of vs3 cut off from vs1 and vs2", PING_DEADLINE,
                    () -> network.pingPairs(severed, 1, PING_DEADLINE, false), report -> report.reached().isEmpty());
            PingReport afterCut = network.pingPairs(severed, LOST_TRIES, PING_DEADLINE, false);
            assertThat(afterCut.reached()).as("pings between vs3's host and the others after %s was deleted (%s)",
                    cut, afterCut).isEmpty();
            PingReport remaining = network.pingPairs(pairsAmong(stillJoined), PING_TRIES, PING_DEADLINE, false);
            assertReachability(remaining, Set.copyOf(pairsAmong(stillJoined)));
            assertUnassignedOnTheirOwn(network, unassigned, tenantHosts);
            System.out.printf("[lab] custom network vs1-vs2-vs3: joined %s; after deleting %s: severed %s,"
                    + " vs1-vs2 %s%n", joined, cut, afterCut, remaining);
        }
    }

    /** The hosts of ports no tenant holds reach each other and none of the tenant's hosts. */
    private static void assertUnassignedOnTheirOwn(MininetNetwork network, List<String> unassigned,
                                                   List<String> tenantHosts) {
        assertReachability(network.pingPairs(pairsAmong(unassigned), PING_TRIES, PING_DEADLINE, false),
                Set.copyOf(pairsAmong(unassigned)));
        PingReport across = network.pingPairs(pairsBetween(unassigned, tenantHosts), LOST_TRIES, PING_DEADLINE, true);
        assertThat(across.reached()).as("pings between unassigned ports and the tenant's (%s)", across).isEmpty();
    }
}

package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertNoneConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static io.weft.lab.TenantLab.rulesWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller is killed ({@code kill -9}) under two tenants' networks and started again
 * on the same data directory: the tenants and their networks are all there over REST and
 * their hosts reach each other again. A network deleted afterwards leaves no rule on any
 * switch.
 */
class TenantRestartIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RULES_TIMEOUT = Duration.ofSeconds(10);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    @Test
    void tenantsAndNetworksSurviveKillNineAndADeletedNetworkLeavesNoRule() {
        // leafspine,2,2,3: h1, h2, h3 on leaf s3; h4, h5, h6 on leaf s4.
        Map<String, List<String>> hostsOf = Map.of(
                "blue", List.of("h1", "h4"),
                "red", List.of("h2", "h5"));
        try (MininetNetwork network = lab.network("leafspine,2,2,3", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            List<LabTenant> tenants = new ArrayList<>();
            hostsOf.forEach((id, hosts) -> {
                LabTenant tenant = LabTenant.create(lab.api(), id);
                tenant.bigSwitch("web", hosts.stream().map(wiring::location).toList());
                tenants.add(tenant);
            });
            hostsOf.values().forEach(hosts -> assertReachability(
                    network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false), Set.copyOf(pairsAmong(hosts))));

            int exitCode = lab.controller().kill(KILL_TIMEOUT);
            assertNoneConnected(network.waitDisconnected(CONNECT_TIMEOUT), "once the controller was killed");
            lab.controller().start(READY_TIMEOUT);
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the restart");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);

            for (LabTenant tenant : tenants) {
                JsonNode stored = lab.api().get(tenant.path(""));
                assertThat(stored.path("networks").toString()).as("%s after kill -9: %s", tenant, stored)
                        .contains("\"web\"");
                JsonNode ports = tenant.api().get(tenant.path("/networks/web/ports"));
                assertThat(ports.path("ports").size()).as("ports of %s's web after kill -9: %s", tenant, ports)
                        .isEqualTo(hostsOf.get(tenant.id()).size());
            }
            network.flushArp();
            List<String> pings = new ArrayList<>();
            hostsOf.forEach((id, hosts) -> {
                PingReport report = network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false);
                assertReachability(report, Set.copyOf(pairsAmong(hosts)));
                pings.add(id + " " + report);
            });

            // Every switch's tenant rules were read back after the restart, in the model's terms, none skipped.
            Metrics afterRestart = lab.api().metrics();
            assertThat(afterRestart.value("weft_vnet_reconcile_reads_total")).as("switch tables read back")
                    .isGreaterThanOrEqualTo(wiring.switches().size());
            assertThat(afterRestart.value("weft_flows_read_inexpressible_total")).as("rules read back that the"
                    + " model cannot express").isZero();

            LabTenant red = tenants.stream().filter(tenant -> tenant.id().equals("red")).findFirst().orElseThrow();
            LabTenant blue = tenants.stream().filter(tenant -> tenant.id().equals("blue")).findFirst().orElseThrow();
            long redCookie = red.cookie("web");
            long blueCookie = blue.cookie("web");
            assertThat(rulesWith(network.dumpFlows(), redCookie)).as("red's rules (cookie %x) before the delete",
                    redCookie).isNotEmpty();
            red.deleteNetwork("web");
            List<FlowEntry> left = Poll.until("no rule with red's cookie " + Long.toHexString(redCookie),
                    RULES_TIMEOUT, () -> rulesWith(network.dumpFlows(), redCookie), List::isEmpty).value();
            assertThat(left).isEmpty();
            assertThat(rulesWith(network.dumpFlows(), blueCookie)).as("blue's rules (cookie %x) after red's network"
                    + " was deleted", blueCookie).isNotEmpty();
            List<String> blueHosts = hostsOf.get("blue");
            assertReachability(network.pingPairs(pairsAmong(blueHosts), PING_TRIES, PING_DEADLINE, false),
                    Set.copyOf(pairsAmong(blueHosts)));
            System.out.printf("[lab] kill -9 (exit %d) and restart under two tenants: pings %s; red's network"
                    + " deleted, no rule with cookie %x left%n", exitCode, pings, redCookie);
        }
    }
}

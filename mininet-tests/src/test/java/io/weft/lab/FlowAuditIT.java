package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.LabAssertions.assertReachability;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static io.weft.lab.TenantLab.pairsAmong;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone edits a switch's table by hand: a tenant's rules deleted with {@code ovs-ofctl
 * del-flows}, a rule added with the tenant's cookie. Within one audit interval the switch holds
 * exactly the rules Weft wants again, the counters say how many were repaired, and the
 * tenant's hosts reach each other.
 */
class FlowAuditIT {
    private static final Duration AUDIT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);
    /** One audit, after the hold that follows a switch connecting (7 s by default), with room to spare. */
    private static final Duration REPAIR_TIMEOUT = Duration.ofSeconds(15);
    private static final int PING_TRIES = 5;
    private static final Duration PING_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final WeftLab lab = new WeftLab("flow-audit-interval: " + AUDIT_INTERVAL.toSeconds() + "s\n"
            + "flow-audit-foreign-rules: remove\n");
    private static final long TABLE_MISS_COOKIE = 0x5700_0000_0000_0000L;
    private static final long LLDP_COOKIE = 0x5702_0000_0000_0000L;

    @Test
    void rulesDeletedOrAddedByHandAreRepairedWithinAnAuditInterval() {
        // leafspine,2,2,2: h1, h2 on leaf s3; h3, h4 on leaf s4.
        try (MininetNetwork network = lab.network("leafspine,2,2,2", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            List<String> hosts = List.of("h1", "h3");
            LabTenant blue = LabTenant.create(lab.api(), "blue");
            blue.bigSwitch("web", hosts.stream().map(wiring::location).toList());
            assertReachability(network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false),
                    Set.copyOf(pairsAmong(hosts)));
            long cookie = blue.cookie("web");
            List<String> wanted = Poll.until("blue's rules on s3 to settle", REPAIR_TIMEOUT,
                    () -> rulesOn(network, "s3", cookie), rules -> !rules.isEmpty()).value();
            Metrics before = lab.api().metrics();

            ofctl("del-flows", "s3", "cookie=0x%x/-1".formatted(cookie));
            assertThat(rulesOn(network, "s3", cookie)).as("blue's rules on s3 right after del-flows").isEmpty();
            Poll.until("blue's rules back on s3 as they were: " + wanted, REPAIR_TIMEOUT,
                    () -> rulesOn(network, "s3", cookie), rules -> Set.copyOf(rules).equals(Set.copyOf(wanted)));
            Metrics repaired = lab.api().metrics();
            assertThat(repaired.value("weft_vnet_audit_missing_total") - before.value("weft_vnet_audit_missing_total"))
                    .as("rules counted missing").isEqualTo(wanted.size());

            String h4Port = Integer.toString(wiring.hosts().get("h4").port());
            String forged = "cookie=0x%x,priority=1300,in_port=%s,dl_dst=%s,actions=drop".formatted(cookie, h4Port,
                    wiring.hosts().get("h3").mac());
            ofctl("add-flow", "s4", forged);
            assertThat(rulesOn(network, "s4", cookie)).as("s4 right after add-flow")
                    .anyMatch(rule -> rule.contains("in_port=" + h4Port) && rule.contains("actions=drop"));
            Poll.until("the rule added by hand on s4 gone", REPAIR_TIMEOUT, () -> rulesOn(network, "s4", cookie),
                    rules -> rules.stream().noneMatch(rule -> rule.contains("in_port=" + h4Port)));
            Metrics removed = lab.api().metrics();
            assertThat(removed.value("weft_vnet_audit_unexpected_total")
                    - repaired.value("weft_vnet_audit_unexpected_total")).as("rules counted unexpected").isEqualTo(1);

            assertReachability(network.pingPairs(pairsAmong(hosts), PING_TRIES, PING_DEADLINE, false),
                    Set.copyOf(pairsAmong(hosts)));
            System.out.printf("[lab] audit: %d rules deleted by hand on s3 put back, 1 added by hand on s4 removed"
                    + " (audit every %s)%n", wanted.size(), AUDIT_INTERVAL);
        }
    }

    @Test
    void theControllersOwnRulesComeBackAndRulesNotItsOwnGo() {
        try (MininetNetwork network = lab.network("leafspine,2,2,2", OF_13)) {
            LabWiring wiring = network.wiring();
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            ControllerView.awaitTopology(lab.api(), wiring, DISCOVERY_TIMEOUT);
            String sw = "s1";
            List<String> own = Poll.until("the table-miss and LLDP rules on " + sw, REPAIR_TIMEOUT,
                    () -> rulesOn(network, sw, TABLE_MISS_COOKIE, LLDP_COOKIE), rules -> rules.size() == 2).value();
            Metrics before = lab.api().metrics();

            ofctl("del-flows", sw, "cookie=0x%x/-1".formatted(TABLE_MISS_COOKIE));
            ofctl("del-flows", sw, "cookie=0x%x/-1".formatted(LLDP_COOKIE));
            String foreign = "cookie=0x1234,priority=5,dl_type=0x0800,actions=drop";
            String strayWeft = "cookie=0x5700000000000007,priority=6,dl_type=0x86dd,actions=drop";
            String answeringPacketIn = "cookie=0x5701000000000000,priority=7,idle_timeout=600,dl_type=0x88b5,"
                    + "actions=drop";
            List.of(foreign, strayWeft, answeringPacketIn).forEach(rule -> ofctl("add-flow", sw, rule));
            assertThat(rulesOn(network, sw, TABLE_MISS_COOKIE, LLDP_COOKIE)).as("right after del-flows").isEmpty();

            Poll.until(sw + "'s own rules back as they were, the foreign and stray ones gone", REPAIR_TIMEOUT,
                    () -> network.dumpFlows().getOrDefault(sw, List.of()),
                    flows -> Set.copyOf(rulesOn(flows, TABLE_MISS_COOKIE, LLDP_COOKIE)).equals(Set.copyOf(own))
                            && flows.stream().noneMatch(f -> f.cookie() == 0x1234L || f.cookie() == 0x5700000000000007L));
            assertThat(network.dumpFlows().get(sw)).as("a timed rule with the learning app's cookie, left to expire")
                    .anyMatch(f -> f.cookie() == 0x5701000000000000L);
            Metrics after = lab.api().metrics();
            assertThat(after.value("weft_flows_audit_missing_total") - before.value("weft_flows_audit_missing_total"))
                    .as("rules counted missing").isEqualTo(2);
            assertThat(after.value("weft_flows_audit_unexpected_total")
                    - before.value("weft_flows_audit_unexpected_total")).as("rules counted unexpected").isEqualTo(1);
            assertThat(after.value("weft_flows_audit_foreign_removed_total")
                    - before.value("weft_flows_audit_foreign_removed_total")).as("foreign rules removed").isEqualTo(1);
            assertThat(after.value("weft_flows_audit_left_to_expire_total")
                    - before.value("weft_flows_audit_left_to_expire_total")).as("timed rules left").isPositive();
            System.out.printf("[lab] audit: table-miss and LLDP rules deleted by hand on %s put back, a foreign and a"
                    + " stray Weft rule removed, a timed one left (audit every %s)%n", sw, AUDIT_INTERVAL);
        }
    }

    /** A switch's rules with {@code cookie}, without what changes as traffic flows (age, counters). */
    private static List<String> rulesOn(MininetNetwork network, String switchName, long... cookies) {
        return rulesOn(network.dumpFlows().getOrDefault(switchName, List.of()), cookies);
    }

    private static List<String> rulesOn(List<FlowEntry> flows, long... cookies) {
        return flows.stream()
                .filter(flow -> Arrays.stream(cookies).anyMatch(c -> c == flow.cookie()))
                .map(flow -> flow.line().replaceAll("(duration|n_packets|n_bytes|idle_age|hard_age)=[^, ]*,? ?", ""))
                .toList();
    }

    private static void ofctl(String command, String switchName, String argument) {
        HostCommand.run("ovs-ofctl", "-O", "OpenFlow13", command, switchName, argument);
    }
}

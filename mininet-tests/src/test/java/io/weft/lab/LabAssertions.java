package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/** The checks a user would make on a lab network, with messages that say what went wrong. */
final class LabAssertions {

    private LabAssertions() {
    }

    static void assertAllConnected(ConnectionState state, String when) {
        assertThat(state.reached())
                .as("every switch connected to the controller %s, within %.1fs; per switch: %s",
                        when, state.seconds(), state.connected())
                .isTrue();
    }

    static void assertNoneConnected(ConnectionState state, String when) {
        assertThat(state.reached())
                .as("no switch connected to the controller %s, within %.1fs; per switch: %s",
                        when, state.seconds(), state.connected())
                .isTrue();
    }

    /**
     * The pairs that got replies are exactly the expected ones, and the final pass over
     * them lost nothing. A first ping lost while the controller learns is not a failure;
     * a pair that never gets through, or loses packets once it has, is.
     */
    static void assertReachability(PingReport report, Set<HostPair> expected) {
        assertThat(report.reached())
                .as("host pairs that got an echo reply (%s)", report)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.finalPass().lost())
                .as("pairs that lost their echo in the final pass, after every pair had got through once (%s)",
                        report)
                .isEmpty();
        assertThat(report.finalPass().lossPercent()).as("final pass loss (%%)").isZero();
    }

    /**
     * Each switch holds at least one rule beyond its table-miss entry, and every flow
     * carries Weft's cookie, but for a table-miss entry with cookie 0: Weft owns the table.
     */
    static void assertOnlyWeftFlows(Map<String, List<FlowEntry>> flowsBySwitch, List<String> switches) {
        assertThat(flowsBySwitch.keySet()).as("switches whose flows were dumped")
                .containsExactlyInAnyOrderElementsOf(switches);
        SoftAssertions softly = new SoftAssertions();
        flowsBySwitch.forEach((name, flows) -> {
            softly.assertThat(flows)
                    .filteredOn(flow -> !flow.isTableMiss())
                    .as("%s: flows other than the table-miss entry, expected at least one after the pings;"
                            + " all flows: %s", name, flows)
                    .isNotEmpty();
            softly.assertThat(flows)
                    .filteredOn(flow -> !flow.hasWeftCookie() && !(flow.isTableMiss() && flow.cookie() == 0))
                    .as("%s: flows without a Weft cookie (cookie=0x57 and 14 more hex digits)", name)
                    .isEmpty();
        });
        softly.assertAll();
    }

    /**
     * Each switch holds discovery's rule that sends LLDP to the controller, above any
     * forwarding rule; every other rule but the table-miss entry is path forwarding's.
     */
    static void assertDiscoveryAndPathForwardingRules(Map<String, List<FlowEntry>> flowsBySwitch) {
        SoftAssertions softly = new SoftAssertions();
        flowsBySwitch.forEach((name, flows) -> {
            softly.assertThat(flows)
                    .as("%s: discovery's LLDP rule (cookie 0x5702..., priority 40000, dl_type=0x88cc to the"
                            + " controller); all flows: %s", name, flows)
                    .anyMatch(flow -> flow.weftApp() == FlowEntry.DISCOVERY && flow.priority() == 40_000
                            && flow.line().contains("dl_type=0x88cc") && flow.line().contains("actions=CONTROLLER"));
            softly.assertThat(flows)
                    .filteredOn(flow -> !flow.isTableMiss() && flow.weftApp() != FlowEntry.DISCOVERY)
                    .as("%s: rules that are neither the table-miss entry, nor discovery's, nor path forwarding's"
                            + " (cookie 0x5703...)", name)
                    .allMatch(flow -> flow.weftApp() == FlowEntry.PATH_FORWARDING);
        });
        softly.assertAll();
    }
}

package io.weft.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Host pairs and waits the tenant lab tests share. */
final class TenantLab {

    private TenantLab() {
    }

    /** The flow rules, of any switch, with this cookie. */
    static List<FlowEntry> rulesWith(Map<String, List<FlowEntry>> flows, long cookie) {
        return flows.values().stream().flatMap(List::stream).filter(flow -> flow.cookie() == cookie).toList();
    }

    /** Every ordered pair of distinct hosts among {@code hosts}. */
    static List<HostPair> pairsAmong(Collection<String> hosts) {
        List<HostPair> pairs = new ArrayList<>();
        for (String src : hosts) {
            for (String dst : hosts) {
                if (!src.equals(dst)) {
                    pairs.add(new HostPair(src, dst));
                }
            }
        }
        return pairs;
    }

    /** Every pair from a host of {@code from} to a host of {@code to}, in both directions. */
    static List<HostPair> pairsBetween(Collection<String> from, Collection<String> to) {
        List<HostPair> pairs = new ArrayList<>();
        for (String a : from) {
            for (String b : to) {
                pairs.add(new HostPair(a, b));
                pairs.add(new HostPair(b, a));
            }
        }
        return pairs;
    }

    /**
     * The cable from {@code leaf} to one of {@code spines} whose leaf port sends at least
     * {@code packets} more packets within {@code timeout}: the one a running ping takes.
     */
    static LabWiring.Cable carrying(MininetNetwork network, LabWiring wiring, String leaf, List<String> spines,
                                    int packets, Duration timeout) {
        Map<Integer, Long> first = network.packetsSent(leaf);
        Map<Integer, Long> later = Poll.until("an uplink of " + leaf + " carrying the ping", timeout,
                () -> network.packetsSent(leaf), sent -> spines.stream().anyMatch(spine ->
                        sent(first, sent, leafPort(wiring, leaf, spine)) >= packets)).value();
        String spine = spines.stream()
                .filter(s -> sent(first, later, leafPort(wiring, leaf, s)) >= packets).findFirst().orElseThrow();
        return wiring.cable(leaf, spine);
    }

    /** The port of {@code leaf} cabled to {@code spine}. */
    static int leafPort(LabWiring wiring, String leaf, String spine) {
        LabWiring.Cable cable = wiring.cable(leaf, spine);
        return cable.a().equals(leaf) ? cable.aPort() : cable.bPort();
    }

    private static long sent(Map<Integer, Long> before, Map<Integer, Long> after, int port) {
        return after.getOrDefault(port, 0L) - before.getOrDefault(port, 0L);
    }
}

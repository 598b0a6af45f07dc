package io.weft.lab;

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
}

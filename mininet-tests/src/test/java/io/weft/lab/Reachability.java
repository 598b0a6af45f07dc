package io.weft.lab;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which host pairs a scenario expects to reach each other. */
public enum Reachability {
    /** Every host reaches every other host. */
    ALL_PAIRS {
        @Override
        public Set<HostPair> expectedPairs(List<String> hosts) {
            Set<HostPair> pairs = new LinkedHashSet<>();
            for (String src : hosts) {
                for (String dst : hosts) {
                    if (!src.equals(dst)) {
                        pairs.add(new HostPair(src, dst));
                    }
                }
            }
            return pairs;
        }
    };

    /** The ordered pairs of the given hosts that must get replies. */
    public abstract Set<HostPair> expectedPairs(List<String> hosts);
}

package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

    @Test
    void allPairsIsEveryOrderedPairOfDistinctHosts() {
        assertThat(Reachability.ALL_PAIRS.expectedPairs(List.of("h1", "h2", "h3")))
                .containsExactlyInAnyOrder(
                        new HostPair("h1", "h2"), new HostPair("h1", "h3"),
                        new HostPair("h2", "h1"), new HostPair("h2", "h3"),
                        new HostPair("h3", "h1"), new HostPair("h3", "h2"));
    }
}

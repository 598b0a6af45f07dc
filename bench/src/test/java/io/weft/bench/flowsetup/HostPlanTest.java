package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPlanTest {

    @Test
    void sourcesNeverSitOnTheDestinationsPortAndAllAddressesAreDistinctUnicast() {
        Set<Long> macs = new HashSet<>();
        for (int sw = 0; sw < 3; sw++) {
            HostPlan plan = new HostPlan(sw, 1000, 4);
            assertThat(plan.destinationPort()).isEqualTo(4);
            assertThat(macs.add(plan.destinationMac())).isTrue();
            for (int h = 0; h < plan.hosts(); h++) {
                assertThat(plan.sourcePort(h)).isBetween(1, 3);
                assertThat(macs.add(plan.sourceMac(h))).isTrue();
                assertThat(plan.sourceMac(h) >>> 40 & 1).as("unicast").isZero();
                assertThat(plan.sourceMac(h) >>> 40 & 2).as("locally administered").isEqualTo(2);
            }
        }
        assertThat(macs).hasSize(3 * 1001);
    }

    @Test
    void aSwitchNeedsTwoPorts() {
        assertThatThrownBy(() -> new HostPlan(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostPlan(0, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}

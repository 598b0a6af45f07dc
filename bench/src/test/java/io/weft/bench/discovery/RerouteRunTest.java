package io.weft.bench.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.fabric.Endpoint;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.fabric.Wiring;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerouteRunTest {
    @Test
    void theSecondHostSitsAsFarFromTheFirstAsTheFabricAllows() {
        Fabric ring = Fabrics.ring(10);
        assertThat(RerouteRun.farthest(new Wiring(ring), ring.hostPorts()).switchIndex()).isEqualTo(5);
        Fabric grid = Fabrics.grid(25, 40);
        assertThat(RerouteRun.farthest(new Wiring(grid), grid.hostPorts())).isEqualTo(new Endpoint(999, 5));
        Fabric tree = Fabrics.fatTree(4);
        Endpoint far = RerouteRun.farthest(new Wiring(tree), tree.hostPorts());
        assertThat(far.switchIndex()).as("an edge switch of another pod").isGreaterThanOrEqualTo(4 + 4);
    }

    @Test
    void reroutesNeedHostsOnTwoSwitches() {
        assertThat(RerouteRun.applies(Fabrics.linear(1))).isFalse();
        assertThat(RerouteRun.applies(new Fabric("two hosts, one switch", 1, 2, List.of(),
                List.of(new Endpoint(0, 1), new Endpoint(0, 2))))).isFalse();
        assertThat(RerouteRun.applies(Fabrics.linear(2))).isTrue();
    }
}

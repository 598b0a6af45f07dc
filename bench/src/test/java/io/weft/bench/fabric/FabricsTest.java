package io.weft.bench.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FabricsTest {
    @Test
    void aLineHasOneCableLessThanSwitchesAndAHostPortOnEach() {
        Fabric line = Fabrics.parse("linear,10");
        assertThat(line.switches()).isEqualTo(10);
        assertThat(line.cables()).hasSize(9);
        assertThat(line.hostPorts()).hasSize(10).allMatch(p -> p.port() == 3);
        assertThat(line.cables().get(0)).isEqualTo(new Cable(new Endpoint(0, 2), new Endpoint(1, 1)));
        assertThat(line.expectedLinks()).hasSize(18)
                .contains("of:0000000000000001/2>of:0000000000000002/1", "of:0000000000000002/1>of:0000000000000001/2");
        assertConnected(line);
    }

    @Test
    void aRingClosesTheLine() {
        Fabric ring = Fabrics.ring(5);
        assertThat(ring.cables()).hasSize(5).contains(new Cable(new Endpoint(4, 2), new Endpoint(0, 1)));
        assertThat(degrees(ring).values()).containsOnly(2);
        assertConnected(ring);
    }

    @Test
    void aGridCablesEachSwitchToItsNeighboursNorthEastSouthWest() {
        Fabric grid = Fabrics.parse("grid,25x40");
        assertThat(grid.switches()).isEqualTo(1_000);
        assertThat(grid.cables()).hasSize(25 * 39 + 24 * 40);
        assertThat(grid.expectedLinks()).hasSize(3_870);
        assertThat(grid.hostPorts()).hasSize(1_000).allMatch(p -> p.port() == 5);
        // Switch (row 1, column 1) = index 41: north to 1 (south port 3), east to 42 (west port 4).
        assertThat(grid.cables()).contains(new Cable(new Endpoint(1, 3), new Endpoint(41, 1)),
                new Cable(new Endpoint(41, 2), new Endpoint(42, 4)));
        Map<Integer, Integer> degree = degrees(grid);
        assertThat(degree.get(0)).isEqualTo(2);
        assertThat(degree.get(41)).isEqualTo(4);
        assertThat(degree.get(39)).isEqualTo(2);
        assertConnected(grid);
    }

    @Test
    void aFatTreeOfKHasFiveKSquaredOverFourSwitchesAndKCubedOverTwoCables() {
        for (int k : List.of(4, 6, 8)) {
            Fabric tree = Fabrics.fatTree(k);
            assertThat(tree.switches()).isEqualTo(5 * k * k / 4);
            assertThat(tree.cables()).hasSize(k * k * k / 2);
            assertThat(tree.hostPorts()).hasSize(k * k * k / 4);
            assertThat(tree.ports()).isEqualTo(k);
            assertThat(degrees(tree).values()).as("every switch port but the edge's host ports is cabled")
                    .allMatch(d -> d == k || d == k / 2);
            assertConnected(tree);
        }
        Fabric k4 = Fabrics.fatTree(4);
        // Pod 0: aggregation switches 4 and 5, edge switches 6 and 7; core 0..3.
        assertThat(k4.cables()).contains(new Cable(new Endpoint(6, 3), new Endpoint(4, 1)),
                new Cable(new Endpoint(7, 4), new Endpoint(5, 2)),
                new Cable(new Endpoint(4, 3), new Endpoint(0, 1)),
                new Cable(new Endpoint(5, 4), new Endpoint(3, 1)));
        // Every core switch reaches every pod once.
        for (int core = 0; core < 4; core++) {
            int c = core;
            assertThat(k4.cables().stream().filter(x -> x.b().switchIndex() == c).map(x -> x.b().port()))
                    .containsExactlyInAnyOrder(1, 2, 3, 4);
        }
    }

    @Test
    void badSpecsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> Fabrics.parse("grid,10")).hasMessageContaining("grid,RxC");
        assertThatThrownBy(() -> Fabrics.parse("fattree,5")).hasMessageContaining("even k within 4..8");
        assertThatThrownBy(() -> Fabrics.parse("fattree,10")).hasMessageContaining("even k within 4..8");
        assertThatThrownBy(() -> Fabrics.parse("ring,2")).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> Fabrics.parse("torus,4")).hasMessageContaining("unknown topology kind");
        assertThatThrownBy(() -> Fabrics.parse("linear")).hasMessageContaining("KIND,SIZE");
        assertThatThrownBy(() -> Fabrics.parse("linear,x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Fabrics.parse("grid,200x200")).hasMessageContaining("more than");
    }

    @Test
    void aFabricRefusesTwoCablesOnOnePortAndHostsOnCabledPorts() {
        Cable c1 = new Cable(new Endpoint(0, 1), new Endpoint(1, 1));
        Cable c2 = new Cable(new Endpoint(0, 1), new Endpoint(2, 1));
        assertThatThrownBy(() -> new Fabric("x", 3, 2, List.of(c1, c2), List.of())).hasMessageContaining("two cables");
        assertThatThrownBy(() -> new Fabric("x", 3, 2, List.of(c1), List.of(new Endpoint(1, 1))))
                .hasMessageContaining("has a cable");
        assertThatThrownBy(() -> new Fabric("x", 2, 2, List.of(new Cable(new Endpoint(0, 1), new Endpoint(2, 1))),
                List.of())).hasMessageContaining("outside");
        assertThatThrownBy(() -> new Cable(new Endpoint(0, 1), new Endpoint(0, 2))).hasMessageContaining("two switches");
    }

    private static Map<Integer, Integer> degrees(Fabric fabric) {
        Map<Integer, Integer> degree = new HashMap<>();
        for (Cable c : fabric.cables()) {
            degree.merge(c.a().switchIndex(), 1, Integer::sum);
            degree.merge(c.b().switchIndex(), 1, Integer::sum);
        }
        return degree;
    }

    private static void assertConnected(Fabric fabric) {
        Wiring wiring = new Wiring(fabric);
        Set<Integer> unreachable = new HashSet<>();
        for (int i = 1; i < fabric.switches(); i++) {
            if (!wiring.reachable(0, i, null)) {
                unreachable.add(i);
            }
        }
        assertThat(unreachable).as("switches " + fabric.name() + " cannot reach from the first").isEmpty();
    }
}

package io.weft.bench.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WiringTest {
    private final Fabric ring = Fabrics.ring(4);
    private final Wiring wiring = new Wiring(ring);
    private final Cable s1s2 = new Cable(new Endpoint(0, 2), new Endpoint(1, 1));

    @Test
    void aPortsPeerIsTheOtherEndOfItsCableWhileItIsNotCut() {
        assertThat(wiring.peer(new Endpoint(0, 2))).contains(new Endpoint(1, 1));
        assertThat(wiring.peer(new Endpoint(1, 1))).contains(new Endpoint(0, 2));
        assertThat(wiring.peer(new Endpoint(0, 3))).as("a host port").isEmpty();

        wiring.setCut(s1s2, true);
        assertThat(wiring.isCut(s1s2)).isTrue();
        assertThat(wiring.peer(new Endpoint(0, 2))).isEmpty();
        assertThat(wiring.cableAt(new Endpoint(0, 2))).contains(s1s2);

        wiring.setCut(s1s2, false);
        assertThat(wiring.peer(new Endpoint(0, 2))).contains(new Endpoint(1, 1));
    }

    @Test
    void aRingStaysConnectedWithOneCableCutButNotTwo() {
        assertThat(wiring.reachable(0, 1, s1s2)).isTrue();
        wiring.setCut(new Cable(new Endpoint(3, 2), new Endpoint(0, 1)), true);
        assertThat(wiring.reachable(0, 1, null)).isTrue();
        assertThat(wiring.reachable(0, 1, s1s2)).isFalse();
    }

    @Test
    void onlyCablesOfTheFabricCanBeCut() {
        assertThatThrownBy(() -> wiring.setCut(new Cable(new Endpoint(0, 2), new Endpoint(2, 1)), true))
                .hasMessageContaining("not a cable of this fabric");
    }

    @Test
    void hopsAreCountedOverCablesThatAreNotCut() {
        assertThat(wiring.hopsFrom(0)).containsEntry(0, 0).containsEntry(1, 1).containsEntry(2, 2).containsEntry(3, 1);
        wiring.setCut(s1s2, true);
        assertThat(wiring.hopsFrom(0)).containsEntry(1, 3).containsEntry(2, 2);
    }
}

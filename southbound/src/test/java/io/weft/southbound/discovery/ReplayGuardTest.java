package io.weft.southbound.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private final ReplayGuard guard = new ReplayGuard(3_000);

    @Test
    void acceptsEachProbeOnce() {
        Probe probe = new Probe(1, 2, 10_000);
        assertThat(guard.seen(probe)).isFalse();
        assertThat(guard.accept(probe, 10_000)).isTrue();
        assertThat(guard.seen(probe)).isTrue();
        assertThat(guard.accept(probe, 10_001)).isFalse();
        assertThat(guard.accept(new Probe(1, 2, 10_001), 10_001)).isTrue();
        assertThat(guard.accept(new Probe(1, 3, 10_000), 10_001)).isTrue();
    }

    @Test
    void forgetsProbesOnceTheyAreStaleSoMemoryStaysBounded() {
        for (long t = 0; t < 100_000; t += 10) {
            guard.accept(new Probe(1, 2, t), t);
            // Probes of at most two maximum ages are remembered: 600 at one per 10 ms.
            assertThat(guard.size()).isLessThanOrEqualTo(601);
        }
        assertThat(guard.seen(new Probe(1, 2, 99_990))).isTrue();
        assertThat(guard.seen(new Probe(1, 2, 0))).isFalse();
    }

    @Test
    void keepsProbesUntilTheyAreStale() {
        Probe probe = new Probe(1, 2, 10_000);
        guard.accept(probe, 10_000);
        guard.accept(new Probe(9, 9, 13_000), 13_000);
        assertThat(guard.seen(probe)).as("exactly the maximum age old: still acceptable, so still remembered")
                .isTrue();
    }
}

package io.weft.bench.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RerouteWatchTest {
    private static final long START = 1_000_000_000L;

    @Test
    void theRerouteEndsAtTheFlowModAfterWhichTheRulesFirstCarryTheConversation() throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        RerouteWatch watch = new RerouteWatch(START, done::get);
        assertThat(watch.completeAfterNanos()).isEmpty();
        assertThat(watch.firstFlowModAfterNanos()).isEmpty();

        watch.onFlowMod(3, false, START + 2_000_000);
        watch.onFlowMod(4, true, START + 3_000_000);
        assertThat(watch.await(Duration.ZERO)).isFalse();
        done.set(true);
        watch.onFlowMod(5, false, START + 7_000_000);
        watch.onFlowMod(6, true, START + 9_000_000);

        assertThat(watch.await(Duration.ZERO)).isTrue();
        assertThat(watch.completeAfterNanos()).hasValue(7_000_000);
        assertThat(watch.firstFlowModAfterNanos()).hasValue(2_000_000);
        assertThat(watch.lastFlowModAfterNanos()).hasValue(9_000_000);
        assertThat(watch.flowMods()).isEqualTo(4);
        assertThat(watch.deletes()).isEqualTo(2);
    }

    @Test
    void withoutFlowModsTheRerouteNeverCompletesHoweverTheRulesLook() throws InterruptedException {
        RerouteWatch watch = new RerouteWatch(START, () -> true);
        assertThat(watch.await(Duration.ofMillis(1))).isFalse();
        assertThat(watch.completeAfterNanos()).isEmpty();
        assertThat(watch.flowMods()).isZero();
    }

    @Test
    void quietMeansNoFlowModForThatLong() {
        RerouteWatch watch = new RerouteWatch(System.nanoTime(), () -> false);
        long before = System.nanoTime();
        watch.onFlowMod(0, false, System.nanoTime());
        watch.awaitQuiet(Duration.ofMillis(30), Duration.ofSeconds(5));
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
    }
}

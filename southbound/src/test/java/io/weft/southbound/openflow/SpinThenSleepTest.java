package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class SpinThenSleepTest {
    private long now = 1_000;
    private final SpinThenSleep strategy = new SpinThenSleep(50_000, () -> now);

    @Test
    void readyConnectionsAreHandledAtOnce() throws Exception {
        assertThat(strategy.calculateStrategy(() -> 3, false)).isEqualTo(3);
    }

    @Test
    void anIdleLoopPollsAgainUntilTheSpinIsOverThenSleeps() throws Exception {
        assertThat(strategy.calculateStrategy(() -> 0, false)).isZero();
        now += 49_999;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isZero();
        now += 1;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void workFoundStartsTheSpinAfresh() throws Exception {
        strategy.calculateStrategy(() -> 0, false);
        now += 40_000;
        assertThat(strategy.calculateStrategy(() -> 1, false)).isEqualTo(1);
        now += 1;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isZero();
        now += 40_000;
        assertThat(strategy.calculateStrategy(() -> 0, false)).as("40 us since the loop went idle again").isZero();
        now += 10_000;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void queuedTasksKeepTheLoopAwake() throws Exception {
        strategy.calculateStrategy(() -> 0, false);
        now += 100_000;
        assertThat(strategy.calculateStrategy(() -> 0, true)).isZero();
        now += 1;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isZero();
    }
}

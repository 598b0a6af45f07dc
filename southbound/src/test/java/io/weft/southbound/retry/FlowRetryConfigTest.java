package io.weft.southbound.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlowRetryConfigTest {
    private final FlowRetryConfig config = FlowRetryConfig.DEFAULTS;

    @Test
    void theFullDelayDoublesFromOneSecondUpToTheCap() {
        assertThat(IntStream.rangeClosed(0, 9).mapToObj(n -> config.delay(n, 1.0).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L);
        assertThat(config.delay(10_000, 1.0)).as("no overflow however many attempts").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterTakesBetweenHalfAndAllOfTheDelay() {
        assertThat(config.delay(0, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.delay(0, 0.5)).isEqualTo(Duration.ofMillis(750));
        assertThat(config.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.delay(9, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.delay(9, 0.999_999)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThatThrownBy(() -> config.delay(0, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.delay(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> new FlowRetryConfig(Duration.ofMillis(5), Duration.ofSeconds(60), 6))
                .hasMessageContaining("initial-delay");
        assertThatThrownBy(() -> new FlowRetryConfig(Duration.ofSeconds(2), Duration.ofSeconds(1), 6))
                .hasMessageContaining("max-delay");
        assertThatThrownBy(() -> new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofHours(2), 6))
                .hasMessageContaining("max-delay");
        assertThatThrownBy(() -> new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(60), -1))
                .hasMessageContaining("max-attempts");
        assertThat(new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 0).maxAttempts()).isZero();
    }

    @Test
    void dueRetriesAreLookedForOftenEnoughForTheFirstDelay() {
        assertThat(config.tick()).isEqualTo(Duration.ofMillis(250));
        assertThat(new FlowRetryConfig(Duration.ofMillis(200), Duration.ofSeconds(1), 3).tick())
                .isEqualTo(Duration.ofMillis(50));
        assertThat(new FlowRetryConfig(Duration.ofMillis(10), Duration.ofSeconds(1), 3).tick())
                .isEqualTo(Duration.ofMillis(10));
    }
}

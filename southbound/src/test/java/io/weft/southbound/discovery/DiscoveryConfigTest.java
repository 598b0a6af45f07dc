package io.weft.southbound.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiscoveryConfigTest {
    @Test
    void defaults() {
        assertThat(DiscoveryConfig.DEFAULTS.probeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(DiscoveryConfig.DEFAULTS.probeMaxAge()).isEqualTo(Duration.ofSeconds(3));
        assertThat(DiscoveryConfig.DEFAULTS.maxClockSkew()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DiscoveryConfig.DEFAULTS.ttlSeconds()).isEqualTo(3);
    }

    @Test
    void ttlRoundsTheMaximumAgeUp() {
        assertThat(new DiscoveryConfig(Duration.ofSeconds(1), Duration.ofMillis(2_001), Duration.ZERO).ttlSeconds())
                .isEqualTo(3);
    }

    @Test
    void refusesNonsense() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new DiscoveryConfig(Duration.ofMillis(99), s.multipliedBy(3), s))
                .hasMessageContaining("probe-interval");
        assertThatThrownBy(() -> new DiscoveryConfig(s, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("probe-max-age");
        assertThatThrownBy(() -> new DiscoveryConfig(s, Duration.ofSeconds(61), s))
                .hasMessageContaining("probe-max-age");
        assertThatThrownBy(() -> new DiscoveryConfig(s, s.multipliedBy(3), s.negated()))
                .hasMessageContaining("max-clock-skew");
        assertThatThrownBy(() -> new DiscoveryConfig(s, s.multipliedBy(3), s.multipliedBy(3)))
                .hasMessageContaining("max-clock-skew");
        assertThatThrownBy(() -> new DiscoveryConfig(null, s, s)).isInstanceOf(NullPointerException.class);
    }
}

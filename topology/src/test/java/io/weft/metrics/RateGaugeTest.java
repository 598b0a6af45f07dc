package io.weft.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.topology.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateGaugeTest {
    private final Counters counters = new Counters();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RateGauge rate = RateGauge.register(counters, "packet_in.received", "packet_in.per_second",
            Duration.ofSeconds(10), clock);

    @Test
    void isZeroUntilThereAreTwoSamples() {
        counters.add("packet_in.received", 500);
        assertThat(counters.gauges()).containsEntry("packet_in.per_second", 0L);
        rate.sample();
        assertThat(counters.gauges()).containsEntry("packet_in.per_second", 0L);
    }

    @Test
    void isTheGrowthPerSecondOverTheWindowOnly() {
        rate.sample();
        for (int second = 0; second < 5; second++) {
            clock.advance(Duration.ofSeconds(1));
            counters.add("packet_in.received", 1000);
            rate.sample();
        }
        assertThat(counters.gauges()).containsEntry("packet_in.per_second", 1000L);

        for (int second = 0; second < 20; second++) {
            clock.advance(Duration.ofSeconds(1));
            counters.add("packet_in.received", 10);
            rate.sample();
        }
        assertThat(counters.gauges()).as("the burst has left the 10 s window").containsEntry("packet_in.per_second",
                10L);
    }

    @Test
    void refusesAWindowBelowASecond() {
        assertThatThrownBy(() -> RateGauge.register(counters, "a", "b", Duration.ofMillis(500), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

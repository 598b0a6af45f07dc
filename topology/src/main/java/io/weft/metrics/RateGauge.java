package io.weft.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * How fast a counter grows, as a gauge: per second, over the last {@code window}, from
 * samples taken by {@link #sample} (every second or so, by the controller's timer). A scrape
 * reads the rate without touching the counter, so a busy path pays nothing for it.
 *
 * <p>Prometheus computes rates from counters itself; this gauge is for people reading
 * {@code /metrics} by eye or with {@code curl}, as "packet-ins per second now".
 */
public final class RateGauge {
    private record Sample(long atMillis, long value) {
    }

    private final Counters counters;
    private final String counter;
    private final long windowMillis;
    private final Clock clock;
    /** Samples within the window, oldest first; guarded by this. */
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    private RateGauge(Counters counters, String counter, Duration window, Clock clock) {
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("a rate window must be at least 1s, was " + window);
        }
        this.counters = counters;
        this.counter = counter;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Registers the gauge {@code gauge}: the per-second growth of {@code counter} over {@code window}. */
    public static RateGauge register(Counters counters, String counter, String gauge, Duration window, Clock clock) {
        RateGauge rate = new RateGauge(counters, counter, window, clock);
        counters.gauge(gauge, rate::perSecond);
        return rate;
    }

    /** Takes a sample of the counter now, dropping the ones older than the window. */
    public synchronized void sample() {
        long now = clock.millis();
        samples.addLast(new Sample(now, counters.get(counter)));
        while (samples.size() > 2 && samples.peekFirst().atMillis() < now - windowMillis) {
            samples.removeFirst();
        }
    }

    /** The counter's growth per second between the oldest and newest sample; 0 before two samples. */
    public synchronized long perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long millis = last.atMillis() - first.atMillis();
        return millis <= 0 ? 0 : Math.round((last.value() - first.value()) * 1000.0 / millis);
    }
}

package io.weft.southbound.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed flow rules are retried.
 *
 * @param initialDelay the wait before the first retry (at least 10 ms)
 * @param maxDelay     the longest wait between two retries; the wait doubles up to it
 * @param maxAttempts  retries of one failed rule before giving up; 0 turns retries off
 */
public record FlowRetryConfig(Duration initialDelay, Duration maxDelay, int maxAttempts) {
    public static final Duration MIN_DELAY = Duration.ofMillis(10);
    public static final Duration MAX_DELAY = Duration.ofHours(1);
    public static final int MAX_ATTEMPTS = 100;
    /** How often due retries are looked for, at the most: a retry goes out at most this late. */
    private static final Duration MAX_TICK = Duration.ofMillis(250);
    /** Declared after the bounds its constructor checks against. */
    public static final FlowRetryConfig DEFAULTS =
            new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(60), 6);

    public FlowRetryConfig {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.compareTo(MIN_DELAY) < 0 || initialDelay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("initial-delay must be within 10ms..1h, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("max-delay must be within initial-delay (" + initialDelay
                    + ")..1h, was " + maxDelay);
        }
        if (maxAttempts < 0 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("max-attempts must be within 0.." + MAX_ATTEMPTS + ", was "
                    + maxAttempts);
        }
    }

    /**
     * The wait before the next retry of a rule already sent again {@code attempts} times:
     * {@code initialDelay} doubled {@code attempts} times, at most {@code maxDelay}, of which a
     * random part is taken ("equal jitter"): between half of it ({@code jitter} 0) and all of it
     * ({@code jitter} 1). Half is always waited, so retries never come faster than the backoff
     * says; the other half spreads the retries of many switches that failed together.
     */
    public Duration delay(int attempts, double jitter) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
        }
        long cap = maxDelay.toNanos();
        long full = initialDelay.toNanos();
        for (int i = 0; i < attempts && full < cap; i++) {
            full *= 2;
        }
        full = Math.min(full, cap);
        long half = full / 2;
        return Duration.ofNanos(half + Math.round(jitter * (full - half)));
    }

    /** How often to look for retries that are due: a quarter of the first delay, within 10..250 ms. */
    public Duration tick() {
        Duration quarter = initialDelay.dividedBy(4);
        return quarter.compareTo(MAX_TICK) > 0 ? MAX_TICK : quarter.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : quarter;
    }
}

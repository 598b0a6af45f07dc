package io.weft.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long something took, in fixed buckets from 100 microseconds to 10 seconds, with the sum
 * and count: what Prometheus needs for a histogram of latencies, at the cost of a few adds per
 * observation and no lock.
 */
public final class LatencyHistogram {
    /** Upper bounds of the buckets, in nanoseconds; a last, unbounded bucket follows. */
    static final long[] BOUNDS_NANOS = {
        TimeUnit.MICROSECONDS.toNanos(100), TimeUnit.MICROSECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(1),
        TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(50),
        TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(1),
        TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(10)};

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** One observation; a negative one (a clock that went back) counts as zero. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int i = 0;
        while (i < BOUNDS_NANOS.length && value > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(value);
    }

    /**
     * The observations so far. Read while others record, the buckets, sum and count may be a
     * few observations apart; each is exact for some moment of the read.
     */
    public Snapshot snapshot() {
        List<Bucket> cumulative = new ArrayList<>(buckets.length);
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative.add(new Bucket(i < BOUNDS_NANOS.length ? BOUNDS_NANOS[i] : Long.MAX_VALUE, running));
        }
        return new Snapshot(List.copyOf(cumulative), sumNanos.sum(), running);
    }

    /** Observations at or below {@code upperBoundNanos} ({@link Long#MAX_VALUE}: all of them). */
    public record Bucket(long upperBoundNanos, long count) {
    }

    /** Cumulative buckets, smallest bound first, and the sum and count of every observation. */
    public record Snapshot(List<Bucket> buckets, long sumNanos, long count) {
        public Snapshot {
            buckets = List.copyOf(buckets);
        }
    }
}

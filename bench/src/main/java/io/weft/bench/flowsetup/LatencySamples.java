package io.weft.bench.flowsetup;

import java.util.Arrays;

/** Latencies in nanoseconds, appended by one thread; bounded, past {@code limit} further samples are counted only. */
final class LatencySamples {
    private long[] samples = new long[1024];
    private int size;
    private long dropped;
    private final int limit;

    LatencySamples(int limit) {
        this.limit = limit;
    }

    void add(long nanos) {
        if (size == limit) {
            dropped++;
            return;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(limit, samples.length * 2));
        }
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    long dropped() {
        return dropped;
    }

    long[] toArray() {
        return Arrays.copyOf(samples, size);
    }

    void clear() {
        size = 0;
        dropped = 0;
    }
}

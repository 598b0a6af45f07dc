package io.weft.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * One named counter, held by a component that counts on a hot path so that each event costs
 * an add and no lookup by name; see {@link Counters#counter}.
 */
public final class Counter {
    private final LongAdder value = new LongAdder();

    Counter() {
    }

    public void increment() {
        value.increment();
    }

    public void add(long delta) {
        value.add(delta);
    }

    public long get() {
        return value.sum();
    }
}

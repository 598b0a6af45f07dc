package io.weft.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A registry of named monotonic counters, one per kind of event worth counting.
 *
 * <p>Names are dotted, lower case, and say what happened: {@code openflow.closed.malformed},
 * {@code packet_in.dropped.overload}. One instance is made by the controller's bootstrap and
 * handed to every component that counts; tests make their own.
 */
public final class Counters {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** Adds one to the named counter, creating it at zero first if needed. */
    public void increment(String name) {
        add(name, 1);
    }

    /** Adds {@code delta} to the named counter. */
    public void add(String name, long delta) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
    }

    /** The counter's value; zero for a counter never incremented. */
    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** A sorted copy of every counter and its value. */
    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> copy = new TreeMap<>();
        counters.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}

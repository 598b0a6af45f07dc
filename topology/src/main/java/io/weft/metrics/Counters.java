package io.weft.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A registry of named monotonic counters, one per kind of event worth counting, and of the
 * gauges and latency histograms the metrics endpoint exposes beside them.
 *
 * <p>Names are dotted, lower case, and say what happened: {@code openflow.closed.malformed},
 * {@code packet_in.dropped.overload}. One instance is made by the controller's bootstrap and
 * handed to every component that counts; tests make their own.
 */
public final class Counters {
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> histograms = new ConcurrentHashMap<>();

    /** Adds one to the named counter, creating it at zero first if needed. */
    public void increment(String name) {
        add(name, 1);
    }

    /** Adds {@code delta} to the named counter. */
    public void add(String name, long delta) {
        counter(name).add(delta);
    }

    /**
     * The named counter itself, created at zero if needed, for a component that counts often
     * enough to hold on to it; the same instance for the same name.
     */
    public Counter counter(String name) {
        return counters.computeIfAbsent(name, n -> new Counter());
    }

    /** The counter's value; zero for a counter never incremented. */
    public long get(String name) {
        Counter counter = counters.get(name);
        return counter == null ? 0 : counter.get();
    }

    /** A sorted copy of every counter and its value. */
    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> copy = new TreeMap<>();
        counters.forEach((name, counter) -> copy.put(name, counter.get()));
        return copy;
    }

    /**
     * Registers a value that goes up and down (connected switches, requests waiting), read
     * when the metrics are; a later registration under the same name replaces the earlier.
     */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    /** Every gauge's value now, sorted by name. */
    public SortedMap<String, Long> gauges() {
        SortedMap<String, Long> values = new TreeMap<>();
        gauges.forEach((name, value) -> values.put(name, value.getAsLong()));
        return values;
    }

    /** The named latency histogram, created empty if needed; the same instance for the same name. */
    public LatencyHistogram histogram(String name) {
        return histograms.computeIfAbsent(name, n -> new LatencyHistogram());
    }

    /** Every histogram's observations so far, sorted by name. */
    public SortedMap<String, LatencyHistogram.Snapshot> histograms() {
        SortedMap<String, LatencyHistogram.Snapshot> copy = new TreeMap<>();
        histograms.forEach((name, histogram) -> copy.put(name, histogram.snapshot()));
        return copy;
    }
}

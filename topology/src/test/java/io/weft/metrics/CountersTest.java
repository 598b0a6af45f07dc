package io.weft.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountersTest {
    private final Counters counters = new Counters();

    @Test
    void aHeldCounterIsTheOneNamed() {
        Counter held = counters.counter("openflow.messages.in.hello");
        held.increment();
        held.add(2);
        counters.increment("openflow.messages.in.hello");

        assertThat(counters.counter("openflow.messages.in.hello")).isSameAs(held);
        assertThat(counters.get("openflow.messages.in.hello")).isEqualTo(4);
        assertThat(counters.snapshot()).containsExactly(entry("openflow.messages.in.hello", 4L));
    }

    @Test
    void gaugesAreReadWhenAsked() {
        AtomicLong connected = new AtomicLong(2);
        counters.gauge("openflow.switches.connected", connected::get);
        assertThat(counters.gauges()).containsExactly(entry("openflow.switches.connected", 2L));

        connected.set(1);

        assertThat(counters.gauges()).containsExactly(entry("openflow.switches.connected", 1L));
        assertThat(counters.snapshot()).as("gauges are not counters").isEmpty();
    }

    @Test
    void histogramBucketsAreCumulativeWithSumAndCount() {
        LatencyHistogram latency = counters.histogram("openflow.barrier.latency");
        latency.record(TimeUnit.MICROSECONDS.toNanos(50));   // <= 100us
        latency.record(TimeUnit.MICROSECONDS.toNanos(100));  // on the bound: still <= 100us
        latency.record(TimeUnit.MILLISECONDS.toNanos(3));    // <= 5ms
        latency.record(TimeUnit.SECONDS.toNanos(60));        // beyond every bound
        latency.record(-5);                                  // a clock that went back: zero

        LatencyHistogram.Snapshot snapshot = counters.histograms().get("openflow.barrier.latency");
        assertThat(counters.histogram("openflow.barrier.latency")).isSameAs(latency);
        assertThat(snapshot.count()).isEqualTo(5);
        assertThat(snapshot.sumNanos()).isEqualTo(TimeUnit.MICROSECONDS.toNanos(150)
                + TimeUnit.MILLISECONDS.toNanos(3) + TimeUnit.SECONDS.toNanos(60));
        assertThat(snapshot.buckets()).hasSize(LatencyHistogram.BOUNDS_NANOS.length + 1);
        assertThat(snapshot.buckets().get(0))
                .isEqualTo(new LatencyHistogram.Bucket(TimeUnit.MICROSECONDS.toNanos(100), 3));
        assertThat(snapshot.buckets().get(2).count()).as("<= 1ms").isEqualTo(3);
        assertThat(snapshot.buckets().get(3).count()).as("<= 5ms").isEqualTo(4);
        assertThat(snapshot.buckets().get(snapshot.buckets().size() - 2).count()).as("<= 10s").isEqualTo(4);
        assertThat(snapshot.buckets().get(snapshot.buckets().size() - 1))
                .isEqualTo(new LatencyHistogram.Bucket(Long.MAX_VALUE, 5));
    }
}

package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.metrics.Counters;
import io.weft.metrics.LatencyHistogram;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsResourceTest {
    @Test
    void namesArePrometheusCounters() {
        assertThat(MetricsResource.metricName("openflow.closed.bad_length"))
                .isEqualTo("weft_openflow_closed_bad_length_total");
        assertThat(MetricsResource.metricName("packet_in.dropped.overload"))
                .isEqualTo("weft_packet_in_dropped_overload_total");
        assertThat(MetricsResource.metricName("odd-name.x")).isEqualTo("weft_odd_name_x_total");
    }

    @Test
    void exposesEveryCounterWithItsType() {
        Counters counters = new Counters();
        counters.add("openflow.closed.malformed", 3);
        counters.increment("api.requests");
        assertThat(MetricsResource.exposition(counters)).isEqualTo("""
                # TYPE weft_api_requests_total counter
                weft_api_requests_total 1
                # TYPE weft_openflow_closed_malformed_total counter
                weft_openflow_closed_malformed_total 3
                """);
        assertThat(MetricsResource.exposition(new Counters())).isEmpty();
    }

    @Test
    void gaugesAndHistogramsFollowTheCounters() {
        Counters counters = new Counters();
        counters.increment("openflow.handshakes.completed");
        counters.gauge("openflow.switches.connected", () -> 3);
        LatencyHistogram latency = counters.histogram("openflow.barrier.latency");
        latency.record(TimeUnit.MICROSECONDS.toNanos(80));
        latency.record(TimeUnit.MILLISECONDS.toNanos(2));
        latency.record(TimeUnit.SECONDS.toNanos(30));

        assertThat(MetricsResource.exposition(counters)).isEqualTo("""
                # TYPE weft_openflow_handshakes_completed_total counter
                weft_openflow_handshakes_completed_total 1
                # TYPE weft_openflow_switches_connected gauge
                weft_openflow_switches_connected 3
                # TYPE weft_openflow_barrier_latency_seconds histogram
                weft_openflow_barrier_latency_seconds_bucket{le="0.0001"} 1
                weft_openflow_barrier_latency_seconds_bucket{le="0.0005"} 1
                weft_openflow_barrier_latency_seconds_bucket{le="0.001"} 1
                weft_openflow_barrier_latency_seconds_bucket{le="0.005"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="0.01"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="0.05"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="0.1"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="0.5"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="1"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="5"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="10"} 2
                weft_openflow_barrier_latency_seconds_bucket{le="+Inf"} 3
                weft_openflow_barrier_latency_seconds_sum 30.00208
                weft_openflow_barrier_latency_seconds_count 3
                """);
    }

    @Test
    void servedWithTheTokenOnly() {
        TestNetwork net = TestNetwork.linearWithIsland();
        try (RestApi api = net.api()) {
            ApiClient client = new ApiClient(api.start(), TestNetwork.TOKEN);
            assertThat(client.send("GET", "/metrics", Optional.empty()).statusCode()).isEqualTo(401);
            HttpResponse<String> response = client.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
            // This request was counted before the counters were read; the refusal before it too.
            assertThat(response.body()).contains("# TYPE weft_api_requests_total counter\nweft_api_requests_total 2\n")
                    .contains("weft_api_refused_unauthorized_total 1\n")
                    .contains("weft_events_posted_total " + net.counters.get("events.posted") + "\n");
            long typeLines = response.body().lines().filter(l -> l.startsWith("# TYPE ")).count();
            assertThat(typeLines).isEqualTo(net.counters.snapshot().size() + net.counters.gauges().size()
                    + net.counters.histograms().size());
        }
    }
}

package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import io.weft.metrics.LatencyHistogram;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code GET /metrics}: in Prometheus' text format, every counter as a counter named
 * {@code weft_<name with dots as underscores>_total}, every gauge as {@code weft_<name>}, and
 * every latency histogram as a histogram in seconds, {@code weft_<name>_seconds}.
 */
final class MetricsResource {
    static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

    private final Counters counters;

    MetricsResource(Counters counters) {
        this.counters = counters;
    }

    HttpResponse scrape(ServiceRequestContext ctx, HttpRequest req) {
        return HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, exposition(counters));
    }

    static String exposition(Counters counters) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> counter : counters.snapshot().entrySet()) {
            String name = metricName(counter.getKey());
            text.append("# TYPE ").append(name).append(" counter\n")
                    .append(name).append(' ').append(counter.getValue()).append('\n');
        }
        for (Map.Entry<String, Long> gauge : counters.gauges().entrySet()) {
            String name = "weft_" + sanitize(gauge.getKey());
            text.append("# TYPE ").append(name).append(" gauge\n")
                    .append(name).append(' ').append(gauge.getValue()).append('\n');
        }
        for (Map.Entry<String, LatencyHistogram.Snapshot> histogram : counters.histograms().entrySet()) {
            String name = "weft_" + sanitize(histogram.getKey()) + "_seconds";
            LatencyHistogram.Snapshot snapshot = histogram.getValue();
            text.append("# TYPE ").append(name).append(" histogram\n");
            for (LatencyHistogram.Bucket bucket : snapshot.buckets()) {
                String bound = bucket.upperBoundNanos() == Long.MAX_VALUE ? "+Inf" : seconds(bucket.upperBoundNanos());
                text.append(name).append("_bucket{le=\"").append(bound).append("\"} ").append(bucket.count())
                        .append('\n');
            }
            text.append(name).append("_sum ").append(seconds(snapshot.sumNanos())).append('\n')
                    .append(name).append("_count ").append(snapshot.count()).append('\n');
        }
        return text.toString();
    }

    /** Prometheus allows {@code [a-zA-Z0-9_]} (and a leading letter, which {@code weft_} provides). */
    static String metricName(String counter) {
        return "weft_" + sanitize(counter) + "_total";
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /** Exact decimal seconds, without exponent or trailing zeros: {@code 0.0001}, {@code 5}. */
    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}

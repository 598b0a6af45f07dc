package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import java.util.Map;

/**
 * {@code GET /metrics}: every counter in Prometheus' text format, as a counter named
 * {@code weft_<name with dots as underscores>_total}.
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
        return text.toString();
    }

    /** Prometheus allows {@code [a-zA-Z0-9_]} (and a leading letter, which {@code weft_} provides). */
    static String metricName(String counter) {
        return "weft_" + counter.replaceAll("[^a-zA-Z0-9_]", "_") + "_total";
    }
}

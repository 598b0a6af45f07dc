package io.weft.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Minimum, median and maximum of a few measurements (rounds of a run). */
public record Spread(double min, double median, double max, int count) {

    public static Spread of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(sorted[0], median, sorted[n - 1], n);
    }

    /** The nearest-rank percentile ({@code p} in (0, 100]) of {@code sorted}. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || !(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("no samples, or a percentile outside (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length - 1e-9);
        return sorted[Math.max(0, rank - 1)];
    }

    public static double[] sorted(Collection<? extends Number> values) {
        double[] a = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("min", min);
        json.put("median", median);
        json.put("max", max);
        json.put("count", count);
        return json;
    }
}

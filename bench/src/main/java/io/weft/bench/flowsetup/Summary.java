package io.weft.bench.flowsetup;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a run: min / median / max of per-round rates, and latency percentiles. */
public record Summary(double min, double median, double max, double mean) {

    static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(sorted[0], median, sorted[n - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 100]) of {@code sorted}: the smallest value
     * at least p percent of the samples are no greater than.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100], was " + p);
        }
        // The tolerance keeps 99.9% of 1000 at rank 999, not 1000 through rounding.
        int rank = (int) Math.ceil(p / 100 * sorted.length - 1e-9);
        return sorted[Math.max(0, rank - 1)];
    }
}

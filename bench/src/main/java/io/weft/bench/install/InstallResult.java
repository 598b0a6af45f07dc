package io.weft.bench.install;

import java.util.List;

/** One installer's figures: per batch size, confirmed rules per second of each repeat. */
record InstallResult(String label, List<Batch> batches) {

    /** {@code rates}: rules per second, barrier-confirmed, one per repeat. */
    record Batch(int rules, List<Double> rates) {
        double median() {
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double min() {
            return rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double max() {
            return rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }
}

package io.weft.bench.install;

import java.util.List;

/** One installer's figures: per batch size, confirmed rules per second of each repeat. */
record InstallResult(String label, List<Batch> batches) {

    /**
     * @param rates        rules per second, barrier-confirmed, one per repeat
     * @param cpuSeconds   CPU time of the bench's process (the installer and the switches) over all repeats
     * @param othersCores  mean CPU of every other process during the repeats, in cores: how disturbed the figure was
     */
    record Batch(int rules, List<Double> rates, double cpuSeconds, double othersCores) {
        /** Rules confirmed per second of the bench process's CPU, over all repeats. */
        double perCpuSecond() {
            return cpuSeconds <= 0 ? 0 : rules * rates.size() / cpuSeconds;
        }

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

package io.weft.bench.flowsetup;

import io.weft.bench.CpuMeter;
import java.util.List;
import java.util.Optional;

/**
 * One controller's figures from a flow-setup run.
 *
 * @param rates     packet-ins answered per second, per measured round
 * @param latency   latency percentiles (latency mode only)
 * @param tally     what the switches saw during the measured rounds
 * @param connected switches still connected at the end
 * @param cpu       where the machine's CPU went during the measured rounds (Linux only)
 */
public record FlowSetupResult(String label, List<Double> rates, Summary summary, Optional<Latency> latency,
                              Tally tally, int switches, long connected, Optional<CpuMeter.Share> cpu) {

    /** Latency percentiles in nanoseconds over every answered packet-in of the measured rounds. */
    public record Latency(long samples, long p50, long p99, long p999, long max) {
        static Latency of(long[] sorted) {
            return new Latency(sorted.length, Summary.percentile(sorted, 50), Summary.percentile(sorted, 99),
                    Summary.percentile(sorted, 99.9), sorted[sorted.length - 1]);
        }
    }

    public double median() {
        return summary.median();
    }
}

package io.weft.bench.flowsetup;

import io.weft.bench.CpuMeter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One controller's figures from a flow-setup run, or from several runs pooled.
 *
 * @param rates     packet-ins answered per second, per measured round
 * @param tally     what the switches saw during the measured rounds
 * @param connected switches still connected at the end (the fewest of the runs pooled)
 * @param cpu       where the machine's CPU went during the measured rounds (Linux only; the mean of runs pooled)
 * @param latencies every latency sample of the measured rounds in nanoseconds, sorted (latency mode only)
 * @param runs      runs pooled into this result
 */
public record FlowSetupResult(String label, List<Double> rates, Tally tally, int switches, long connected,
                              Optional<CpuMeter.Share> cpu, long[] latencies, int runs) {

    /** Latency percentiles in nanoseconds over every answered packet-in of the measured rounds. */
    public record Latency(long samples, long p50, long p99, long p999, long max) {
        static Latency of(long[] sorted) {
            return new Latency(sorted.length, Summary.percentile(sorted, 50), Summary.percentile(sorted, 99),
                    Summary.percentile(sorted, 99.9), sorted[sorted.length - 1]);
        }
    }

    public FlowSetupResult {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
    }

    public Summary summary() {
        return Summary.of(rates);
    }

    public double median() {
        return summary().median();
    }

    public Optional<Latency> latency() {
        return latencies.length == 0 ? Optional.empty() : Optional.of(Latency.of(latencies));
    }

    /** Several runs of one controller as one: their rounds, tallies and latency samples together. */
    public static FlowSetupResult pool(List<FlowSetupResult> results) {
        if (results.size() == 1) {
            return results.get(0);
        }
        List<Double> rates = new ArrayList<>();
        Tally tally = Tally.ZERO;
        long connected = Long.MAX_VALUE;
        List<CpuMeter.Share> shares = new ArrayList<>();
        for (FlowSetupResult r : results) {
            rates.addAll(r.rates());
            tally = tally.plus(r.tally());
            connected = Math.min(connected, r.connected());
            r.cpu().ifPresent(shares::add);
        }
        Optional<CpuMeter.Share> cpu = shares.size() != results.size() ? Optional.empty()
                : Optional.of(new CpuMeter.Share(shares.stream().mapToDouble(CpuMeter.Share::machine).average().orElse(0),
                        shares.stream().mapToDouble(CpuMeter.Share::bench).average().orElse(0),
                        shares.stream().mapToDouble(CpuMeter.Share::controller).average().orElse(0),
                        shares.stream().mapToDouble(CpuMeter.Share::interrupts).average().orElse(0),
                        shares.stream().mapToDouble(CpuMeter.Share::others).average().orElse(0)));
        long[] latencies = results.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).sorted().toArray();
        FlowSetupResult first = results.get(0);
        return new FlowSetupResult(first.label(), rates, tally, first.switches(), connected, cpu, latencies,
                results.stream().mapToInt(FlowSetupResult::runs).sum());
    }
}

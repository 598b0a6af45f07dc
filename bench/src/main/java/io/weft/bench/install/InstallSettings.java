package io.weft.bench.install;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * How an install run is made.
 *
 * @param batches    batch sizes: rules per batch, over all switches together
 * @param perApply   rules per {@code FlowRuleService.apply} call (one barrier each); 0: a switch's whole share in one
 * @param repeats    times each batch is installed (the same rules again: ADD replaces an identical rule)
 * @param warmupRules rules installed once before measuring, not counted (0: none), so the figures are of a warm JIT
 */
public record InstallSettings(OFVersion version, int switches, int ports, List<Integer> batches, int perApply,
                              int repeats, int warmupRules, Duration connectInterval, int threads, Duration timeout) {
    public static final int MAX_BATCH = 10_000_000;

    public InstallSettings {
        Objects.requireNonNull(version, "version");
        batches = List.copyOf(batches);
        if (switches < 1 || repeats < 1 || threads < 1 || perApply < 0 || ports < 2 || warmupRules < 0
                || warmupRules > MAX_BATCH) {
            throw new IllegalArgumentException("switches, repeats and threads must be at least 1, ports at least 2,"
                    + " rules per apply and warm-up rules not negative, warm-up rules at most " + MAX_BATCH);
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch sizes");
        }
        for (int b : batches) {
            if (b < switches || b > MAX_BATCH) {
                throw new IllegalArgumentException("a batch must hold at least one rule per switch and at most "
                        + MAX_BATCH + " rules, was " + b);
            }
        }
    }

    /** Rules of switch {@code index} in a batch of {@code batch}: an even share, the first switches one more. */
    int share(int batch, int index) {
        return batch / switches + (index < batch % switches ? 1 : 0);
    }
}

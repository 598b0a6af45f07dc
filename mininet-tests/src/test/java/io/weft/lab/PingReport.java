package io.weft.lab;

import java.util.List;
import java.util.function.Predicate;

/**
 * What one {@code pingall} found: first every ordered host pair is pinged until it gets a
 * reply (reactive forwarding may lose the first packets while it learns), then each pair
 * is pinged once more; that final pass is what counts as loss.
 *
 * @param pairs     each pair, how many echo requests it took and whether one came back
 * @param finalPass the final pass over every pair
 * @param seconds   how long the whole command took
 */
public record PingReport(List<PairResult> pairs, FinalPass finalPass, double seconds) {

    /** A pair's converging pings: {@code tries} is 0 if the deadline came before its turn. */
    public record PairResult(HostPair pair, int tries, boolean reached) {
    }

    /** One echo request per pair once every pair has converged (or given up). */
    public record FinalPass(int sent, int received, double lossPercent, List<HostPair> lost) {
    }

    public List<HostPair> reached() {
        return select(PairResult::reached);
    }

    public List<HostPair> unreached() {
        return select(Predicate.not(PairResult::reached));
    }

    public int maxTries() {
        return pairs.stream().mapToInt(PairResult::tries).max().orElse(0);
    }

    private List<HostPair> select(Predicate<PairResult> filter) {
        return pairs.stream().filter(filter).map(PairResult::pair).toList();
    }

    @Override
    public String toString() {
        return "%d pairs, %d unreached %s, final pass %d/%d received (%.1f%% loss), lost %s, max tries %d, %.1fs"
                .formatted(pairs.size(), unreached().size(), unreached(), finalPass.received(),
                        finalPass.sent(), finalPass.lossPercent(), finalPass.lost(), maxTries(), seconds);
    }
}

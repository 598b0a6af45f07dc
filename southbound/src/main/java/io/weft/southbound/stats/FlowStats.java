package io.weft.southbound.stats;

import io.weft.southbound.api.FlowRule;
import java.time.Duration;
import java.util.Objects;

/**
 * One rule a switch holds, as the model writes it, with what it has matched since it was
 * installed (or last modified without resetting its counters).
 *
 * @param duration how long the switch has held the rule
 */
public record FlowStats(FlowRule rule, long packets, long bytes, Duration duration) {
    public FlowStats {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(duration, "duration");
    }
}

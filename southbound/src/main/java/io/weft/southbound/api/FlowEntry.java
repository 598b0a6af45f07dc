package io.weft.southbound.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow rule as Weft believes it stands on its device.
 *
 * @param error     why the switch refused it, when {@code state} is {@link State#FAILED}; once retries
 *                  gave up, it says so and after how many attempts
 * @param attempts  how many times a failed rule has been sent again so far (the first send not
 *                  counted); 0 for a rule that never failed or that its app sent again since
 * @param nextRetry when a {@link State#FAILED} rule is to be sent again; empty when no retry waits
 *                  (installed, pending, given up, or never to be retried)
 * @param gaveUp    retries stopped after {@code attempts}: the rule stays failed until its app
 *                  sends it again or the audit repairs it
 */
public record FlowEntry(FlowRule rule, State state, Optional<String> error, int attempts,
                        Optional<Instant> nextRetry, boolean gaveUp) {
    /** Sent and not yet confirmed by a barrier; confirmed; refused or never confirmed. */
    public enum State { PENDING, INSTALLED, FAILED }

    public FlowEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(nextRetry, "nextRetry");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
    }

    /** An entry no retry has touched. */
    public FlowEntry(FlowRule rule, State state, Optional<String> error) {
        this(rule, state, error, 0, Optional.empty(), false);
    }

    /** The same entry, sent again {@code attempts} times so far, with the next retry due at {@code next} if any. */
    public FlowEntry retrying(int attempts, Optional<Instant> next) {
        return new FlowEntry(rule, state, error, attempts, next, false);
    }

    /** The same entry, whose retries stopped after {@code attempts}, with {@code error} saying so. */
    public FlowEntry givenUp(int attempts, String error) {
        return new FlowEntry(rule, state, Optional.of(error), attempts, Optional.empty(), true);
    }

    /** The id of the app that owns the rule, from its cookie; -1 for a rule that is not Weft's. */
    public int appId() {
        return Cookies.isWeft(rule.cookie()) ? Cookies.appId(rule.cookie()) : -1;
    }
}

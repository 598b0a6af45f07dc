package io.weft.southbound.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A flow rule as Weft believes it stands on its device.
 *
 * @param error why the switch refused it, when {@code state} is {@link State#FAILED}
 */
public record FlowEntry(FlowRule rule, State state, Optional<String> error) {
    /** Sent and not yet confirmed by a barrier; confirmed; refused or never confirmed. */
    public enum State { PENDING, INSTALLED, FAILED }

    public FlowEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(error, "error");
    }

    /** The id of the app that owns the rule, from its cookie; -1 for a rule that is not Weft's. */
    public int appId() {
        return Cookies.isWeft(rule.cookie()) ? Cookies.appId(rule.cookie()) : -1;
    }
}

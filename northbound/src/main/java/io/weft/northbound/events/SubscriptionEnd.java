package io.weft.northbound.events;

import java.util.Objects;

/**
 * Why a subscription delivers nothing more, with a message for a person.
 *
 * @param reason  what the consumer should do about it: see {@link Reason}
 * @param message says what happened and what to do, e.g. which revisions the history still holds
 */
public record SubscriptionEnd(Reason reason, String message) {
    public enum Reason {
        /**
         * The events after the revision asked for are no longer held (or were never issued by this
         * controller, which restarted): the consumer must list the current state again, then
         * watch from now. Never a silent gap.
         */
        HISTORY_EXPIRED,
        /** The consumer fell a whole history behind; it may resume from the last revision it got. */
        SLOW_CONSUMER,
        /** As many subscriptions as allowed are open; try again later. */
        TOO_MANY_SUBSCRIBERS,
        /** The controller is stopping. */
        SHUTDOWN,
        /** The consumer closed it. */
        CANCELLED;

        /** {@code history_expired}, ...: the reason as an identifier on the wire. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SubscriptionEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}

package io.weft.northbound.events;

/**
 * How much the journal keeps, and for how many.
 *
 * @param history        events held for replay; a subscriber that falls this far behind is cut off,
 *                       so it bounds each subscriber's backlog as well as the journal's memory
 * @param maxSubscribers subscriptions open at once; more are refused
 */
public record EventJournalConfig(int history, int maxSubscribers) {
    public static final EventJournalConfig DEFAULTS = new EventJournalConfig(10_000, 256);

    public EventJournalConfig {
        if (history < 1 || history > 10_000_000) {
            throw new IllegalArgumentException("history must be within 1..10000000, was " + history);
        }
        if (maxSubscribers < 1 || maxSubscribers > 100_000) {
            throw new IllegalArgumentException("maxSubscribers must be within 1..100000, was " + maxSubscribers);
        }
    }
}

package io.weft.northbound.events;

import io.weft.topology.virtual.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One consumer's place in the journal: a cursor into the shared history, not a copy of it, so
 * a subscriber costs the controller a few fields however far behind it is. The consumer pulls
 * with {@link #poll}; when a poll finds nothing, the journal runs the subscription's signal
 * once, as soon as there is something to poll or the subscription has ended. Transports pull
 * only as fast as their client reads (Armeria's stream demand, gRPC's readiness), so nothing
 * piles up between the journal and the socket either.
 *
 * <p>State is guarded by the journal's lock; every method is safe from any thread.
 */
public final class Subscription implements AutoCloseable {
    private final EventJournal journal;
    private final Optional<TenantId> viewer;
    private final Runnable signal;
    /** The last revision delivered or skipped as not this viewer's. */
    long cursor;
    /** Set when a poll found nothing: the next visible event (or the end) runs the signal. */
    boolean armed = true;
    SubscriptionEnd end;

    Subscription(EventJournal journal, Optional<TenantId> viewer, Runnable signal) {
        this.journal = journal;
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    /** The tenant this subscription is scoped to; empty for the admin's, which sees everything. */
    public Optional<TenantId> viewer() {
        return viewer;
    }

    /**
     * The next events, oldest first, at most {@code max}; empty when there are none yet (the
     * signal will run when there are) or the subscription has ended (see {@link #end}).
     */
    public List<JournalEvent> poll(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return journal.poll(this, max);
    }

    /** Why nothing more will come; empty while the subscription is live. */
    public Optional<SubscriptionEnd> end() {
        return journal.endOf(this);
    }

    /** Stops the subscription (its end becomes {@link SubscriptionEnd.Reason#CANCELLED}); idempotent. */
    @Override
    public void close() {
        journal.cancel(this);
    }

    boolean sees(JournalEvent event) {
        return event.visibleTo(viewer);
    }

    Runnable signal() {
        return signal;
    }
}

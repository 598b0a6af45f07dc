package io.weft.northbound.events;

import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.device.DeviceService;
import io.weft.topology.event.Event;
import io.weft.topology.host.HostService;
import io.weft.topology.link.LinkService;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetworkService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Numbers every device, port, link, host, virtual-network and flow-removed event with a
 * revision one greater than the last, keeps the latest {@link EventJournalConfig#history} of
 * them, and hands them to subscriptions: first the held events after the revision a
 * subscriber asks for, then live ones, each subscriber seeing only what its viewer may see (a
 * tenant: its own tenant's virtual events; the admin: everything).
 *
 * <p>Revisions start from the microseconds since the epoch at which the controller started
 * ({@link #firstRevisionAt}), so they also grow across restarts: a client resuming from a
 * revision issued before a restart is told to list again rather than handed a new history
 * that only looks continuous.
 *
 * <p>Refusals are counted: {@code events.refused.history_expired} (a revision older than the
 * history, or one never issued), {@code events.refused.too_many_subscribers}, and
 * {@code events.dropped.slow_consumer} for a subscriber cut off because an event it had not
 * taken yet was about to leave the history. Recording never blocks on a subscriber.
 */
public final class EventJournal implements AutoCloseable {
    private final EventJournalConfig config;
    private final Clock clock;
    private final Counters counters;
    /** Event of revision r at {@code r mod length}. */
    private final JournalEvent[] ring;
    private final long first;
    private final Set<Subscription> live = new LinkedHashSet<>();
    private long next;
    private boolean closed;

    /**
     * @param firstRevision the revision of the first event recorded; see {@link #firstRevisionAt}
     */
    public EventJournal(EventJournalConfig config, long firstRevision, Clock clock, Counters counters) {
        if (firstRevision < 1) {
            throw new IllegalArgumentException("the first revision must be at least 1, was " + firstRevision);
        }
        this.config = config;
        this.clock = clock;
        this.counters = counters;
        this.ring = new JournalEvent[config.history()];
        this.first = firstRevision;
        this.next = firstRevision;
    }

    /**
     * A first revision above any an earlier run can have issued, unless it recorded more than
     * a million events a second on average: the microseconds since the epoch at {@code start}.
     * Below 2^53 until the year 2255, so JavaScript clients read it exactly.
     */
    public static long firstRevisionAt(Instant start) {
        return Math.multiplyExact(start.getEpochSecond(), 1_000_000L) + start.getNano() / 1_000;
    }

    /** Records the events of these services from now on, as their dispatcher delivers them. */
    public void follow(DeviceService devices, LinkService links, HostService hosts, VirtualNetworkService networks,
                       FlowRuleService flowRules) {
        devices.addListener(this::record);
        links.addListener(this::record);
        hosts.addListener(this::record);
        networks.addListener(this::record);
        flowRules.addFlowRemovedListener(this::record);
    }

    /** Appends {@code event}, which must be of a kind {@link JournalEvent#isJournaled journaled}. */
    public void record(Event event) {
        List<Runnable> signals = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            JournalEvent recorded = new JournalEvent(next, clock.instant(), event);
            int slot = slot(next);
            JournalEvent evicted = ring[slot];
            ring[slot] = recorded;
            next++;
            for (Iterator<Subscription> it = live.iterator(); it.hasNext(); ) {
                Subscription s = it.next();
                // Every live cursor is at or after the oldest held event's predecessor, so only the
                // evicted event can be one a subscriber has not taken yet.
                if (evicted != null && s.cursor < evicted.revision()) {
                    if (s.sees(evicted)) {
                        it.remove();
                        s.end = new SubscriptionEnd(SubscriptionEnd.Reason.SLOW_CONSUMER, "fell "
                                + config.history() + " events behind (the history held) after revision " + s.cursor
                                + ": resume from the last revision received");
                        counters.increment("events.dropped.slow_consumer");
                        signals.add(s.signal());
                        continue;
                    }
                    s.cursor = evicted.revision();
                }
                if (s.armed && s.sees(recorded)) {
                    s.armed = false;
                    signals.add(s.signal());
                }
            }
        }
        signals.forEach(Runnable::run);
    }

    /**
     * A subscription for {@code viewer} (a tenant, or empty for the admin) that delivers every
     * held event after {@code since}, then live ones; without {@code since}, live ones only.
     * The subscription may have ended at once: {@link SubscriptionEnd.Reason#HISTORY_EXPIRED}
     * when {@code since} is older than the history or newer than any revision issued,
     * {@link SubscriptionEnd.Reason#TOO_MANY_SUBSCRIBERS}, or
     * {@link SubscriptionEnd.Reason#SHUTDOWN}; check {@link Subscription#end()} first.
     *
     * @param signal run when a poll that found nothing can find something, or on the end; it
     *               runs on the thread recording the event, so it must only hand work off
     */
    public synchronized Subscription subscribe(OptionalLong since, Optional<TenantId> viewer, Runnable signal) {
        Subscription s = new Subscription(this, viewer, signal);
        long head = next - 1;
        long oldest = Math.max(first, next - ring.length);
        long from = since.orElse(head);
        if (closed) {
            s.end = new SubscriptionEnd(SubscriptionEnd.Reason.SHUTDOWN, "the controller is stopping");
        } else if (from < oldest - 1 || from > head) {
            counters.increment("events.refused.history_expired");
            String held = oldest > head ? "none yet" : oldest + ".." + head;
            s.end = new SubscriptionEnd(SubscriptionEnd.Reason.HISTORY_EXPIRED, "revision " + from
                    + (from > head ? " was not issued by this controller (it may have restarted)"
                    : " is older than the history held") + "; held: " + held
                    + ". List the current state again, then watch from now");
        } else if (live.size() >= config.maxSubscribers()) {
            counters.increment("events.refused.too_many_subscribers");
            s.end = new SubscriptionEnd(SubscriptionEnd.Reason.TOO_MANY_SUBSCRIBERS, config.maxSubscribers()
                    + " subscriptions are open, the most allowed; try again later");
        } else {
            s.cursor = from;
            live.add(s);
        }
        return s;
    }

    /** The revision of the latest event recorded; one less than the first revision before any. */
    public synchronized long head() {
        return next - 1;
    }

    /** Subscriptions open now. */
    public synchronized int subscribers() {
        return live.size();
    }

    synchronized List<JournalEvent> poll(Subscription s, int max) {
        if (s.end != null) {
            return List.of();
        }
        List<JournalEvent> out = new ArrayList<>(Math.min(max, 64));
        while (out.size() < max && s.cursor < next - 1) {
            s.cursor++;
            JournalEvent event = ring[slot(s.cursor)];
            if (s.sees(event)) {
                out.add(event);
            }
        }
        if (out.isEmpty()) {
            s.armed = true;
        }
        return out;
    }

    synchronized Optional<SubscriptionEnd> endOf(Subscription s) {
        return Optional.ofNullable(s.end);
    }

    synchronized void cancel(Subscription s) {
        if (live.remove(s)) {
            s.end = new SubscriptionEnd(SubscriptionEnd.Reason.CANCELLED, "closed by the subscriber");
        }
    }

    /** Ends every subscription as {@link SubscriptionEnd.Reason#SHUTDOWN}; later ones end at once. */
    @Override
    public void close() {
        List<Runnable> signals = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Subscription s : live) {
                s.end = new SubscriptionEnd(SubscriptionEnd.Reason.SHUTDOWN, "the controller is stopping");
                signals.add(s.signal());
            }
            live.clear();
        }
        signals.forEach(Runnable::run);
    }

    private int slot(long revision) {
        return (int) Math.floorMod(revision, (long) ring.length);
    }
}

package io.weft.topology.store.local;

import io.weft.metrics.Counters;
import io.weft.topology.store.StoreException;
import io.weft.topology.store.Watch;
import io.weft.topology.store.WatchEvent;
import io.weft.topology.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent changes of a {@link LocalStore} and the watches that read them.
 *
 * <p>History holds at least every change after {@code floor}, at most {@code capacity} changes
 * beyond the latest revision's own; whole revisions are dropped from the old end, so a watch
 * either gets all of a revision or learns it was compacted. Each watch keeps a cursor into
 * history and is drained by one task at a time on the executor, which keeps its events in
 * order without holding any lock while a listener runs. A watch whose cursor falls behind the
 * floor (a listener too slow for the write rate) gets {@link WatchEvent.Compacted} and ends,
 * which also bounds what a slow watcher can hold: nothing beyond history itself.
 */
final class WatchHub {
    private static final Logger log = LoggerFactory.getLogger(WatchHub.class);

    /** A change as history keeps it: the event and the revision it belongs to. */
    private record Change(long revision, String key, WatchEvent event) {
    }

    private final int capacity;
    private final Executor executor;
    private final Counters counters;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final Set<Watcher> watchers = new LinkedHashSet<>();
    private long floor;
    private long head;
    private boolean closed;

    WatchHub(long startRevision, int capacity, Executor executor, Counters counters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("watch history must hold at least one change, was " + capacity);
        }
        this.capacity = capacity;
        this.executor = executor;
        this.counters = counters;
        this.floor = startRevision;
        this.head = startRevision;
    }

    /** Records one revision's changes (Put and Delete events); called in revision order. */
    synchronized void append(long revision, List<WatchEvent> events) {
        for (WatchEvent event : events) {
            String key = switch (event) {
                case WatchEvent.Put put -> put.key();
                case WatchEvent.Delete delete -> delete.key();
                case WatchEvent.Compacted compacted -> throw new IllegalArgumentException("not a change: " + compacted);
            };
            history.addLast(new Change(revision, key, event));
        }
        head = revision;
        // The latest revision always stays, however large, so that watches that keep up never see Compacted.
        while (history.size() > capacity && history.peekFirst().revision() < revision) {
            long dropped = history.peekFirst().revision();
            while (history.peekFirst().revision() == dropped) {
                history.removeFirst();
            }
            floor = dropped;
        }
    }

    /** Starts delivery to every watch that has changes waiting; called after each append, outside the store's lock. */
    void dispatch() {
        List<Watcher> all;
        synchronized (this) {
            all = new ArrayList<>(watchers);
        }
        all.forEach(this::schedule);
    }

    Watch watch(String prefix, long fromRevision, WatchListener listener) {
        if (fromRevision < 0) {
            throw new IllegalArgumentException("fromRevision must not be negative: " + fromRevision);
        }
        Watcher watcher = new Watcher(prefix, fromRevision, listener);
        synchronized (this) {
            if (closed) {
                throw new StoreException("the store is closed");
            }
            watchers.add(watcher);
        }
        schedule(watcher);
        return watcher;
    }

    /** Ends every watch; nothing is delivered afterwards. */
    void close() {
        List<Watcher> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(watchers);
        }
        all.forEach(Watcher::close);
    }

    private void schedule(Watcher watcher) {
        if (watcher.closed || !watcher.scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> drain(watcher));
        } catch (RejectedExecutionException e) {
            // The executor is shutting down with the store; nothing more is delivered.
            watcher.scheduled.set(false);
        }
    }

    private void drain(Watcher watcher) {
        while (true) {
            List<WatchEvent> batch;
            boolean last = false;
            synchronized (this) {
                if (watcher.closed || watcher.cursor >= head) {
                    watcher.scheduled.set(false);
                    return;
                }
                if (watcher.cursor < floor) {
                    batch = List.of(new WatchEvent.Compacted(floor));
                    watchers.remove(watcher);
                    counters.increment("store.watch.compacted");
                    last = true;
                } else {
                    batch = changesAfter(watcher.cursor, watcher.prefix);
                    watcher.cursor = head;
                }
            }
            for (WatchEvent event : batch) {
                if (watcher.closed) {
                    break;
                }
                deliver(watcher, event);
            }
            if (last) {
                watcher.closed = true;
                watcher.scheduled.set(false);
                return;
            }
        }
    }

    /** Reads history backwards only as far as the cursor: a watch that keeps up costs what it receives. */
    private List<WatchEvent> changesAfter(long cursor, String prefix) {
        List<WatchEvent> newest = new ArrayList<>();
        for (Iterator<Change> it = history.descendingIterator(); it.hasNext(); ) {
            Change change = it.next();
            if (change.revision() <= cursor) {
                break;
            }
            if (change.key().startsWith(prefix)) {
                newest.add(change.event());
            }
        }
        Collections.reverse(newest);
        return newest;
    }

    private void deliver(Watcher watcher, WatchEvent event) {
        try {
            watcher.listener.onEvent(event);
        } catch (RuntimeException e) {
            counters.increment("store.watch.listener_failures");
            log.error("store watch listener {} on prefix '{}' failed on {}", watcher.listener, watcher.prefix, event, e);
        }
    }

    private final class Watcher implements Watch {
        private final String prefix;
        private final WatchListener listener;
        /** Every change up to this revision has been handed to the listener (or did not match). */
        private long cursor;
        private volatile boolean closed;
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Watcher(String prefix, long fromRevision, WatchListener listener) {
            this.prefix = prefix;
            this.cursor = fromRevision;
            this.listener = listener;
        }

        @Override
        public void close() {
            closed = true;
            synchronized (WatchHub.this) {
                watchers.remove(this);
            }
        }
    }
}

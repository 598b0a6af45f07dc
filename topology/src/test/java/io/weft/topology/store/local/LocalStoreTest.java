package io.weft.topology.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.topology.store.Entry;
import io.weft.topology.store.RecordingListener;
import io.weft.topology.store.StoreException;
import io.weft.topology.store.Txn;
import io.weft.topology.store.WatchEvent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** What the contract test cannot arrange: watchers that lag on purpose, and a backend that fails. */
class LocalStoreTest {
    private final Counters counters = new Counters();

    /** Runs watch deliveries only when the test says so. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    @Test
    void aWatcherThatFallsBehindHistoryIsToldToListAgainAndEnds() {
        ManualExecutor delivery = new ManualExecutor();
        InMemoryStore store = new InMemoryStore(2, delivery, counters);
        RecordingListener slow = new RecordingListener();
        store.watch("", 0, slow);
        delivery.runAll();

        for (int i = 1; i <= 5; i++) {
            store.putIfRevision("k" + i, "v", 0);
        }
        delivery.runAll();

        assertThat(slow.drained()).containsExactly(new WatchEvent.Compacted(3));
        assertThat(counters.get("store.watch.compacted")).isEqualTo(1);
        store.putIfRevision("k6", "v", 0);
        delivery.runAll();
        assertThat(slow.drained()).isEmpty();
    }

    @Test
    void aTransactionLargerThanHistoryStillReachesWatchersThatKeepUp() {
        ManualExecutor delivery = new ManualExecutor();
        InMemoryStore store = new InMemoryStore(2, delivery, counters);
        for (int i = 1; i <= 5; i++) {
            store.putIfRevision("n/" + i, "v", 0);
        }
        RecordingListener current = new RecordingListener();
        store.watch("n/", 5, current);

        store.commit(Txn.builder().deletePrefix("n/").build());
        delivery.runAll();

        assertThat(current.drained()).containsExactly(new WatchEvent.Delete("n/1", 6), new WatchEvent.Delete("n/2", 6),
                new WatchEvent.Delete("n/3", 6), new WatchEvent.Delete("n/4", 6), new WatchEvent.Delete("n/5", 6));
        assertThat(counters.get("store.watch.compacted")).isZero();
    }

    @Test
    void aWatchFromTheFutureWaitsForIt() {
        InMemoryStore store = new InMemoryStore(10, counters);
        RecordingListener later = new RecordingListener();
        store.watch("", 2, later);

        store.putIfRevision("a", "1", 0);
        store.putIfRevision("b", "1", 0);
        store.putIfRevision("c", "1", 0);

        assertThat(later.drained()).containsExactly(new WatchEvent.Put(new Entry("c", "1", 3, 3)));
    }

    @Test
    void aListenerMayCommitAndItsOwnEventsStillArriveInOrder() {
        InMemoryStore store = new InMemoryStore(100, counters);
        RecordingListener events = new RecordingListener();
        store.watch("", 0, event -> {
            events.onEvent(event);
            if (event instanceof WatchEvent.Put put && put.key().equals("ping")) {
                store.putIfRevision("pong", "1", 0);
            }
        });

        store.putIfRevision("ping", "1", 0);

        assertThat(events.drained()).containsExactly(new WatchEvent.Put(new Entry("ping", "1", 1, 1)),
                new WatchEvent.Put(new Entry("pong", "1", 2, 2)));
    }

    @Test
    void aBackendThatFailsToWriteIsCountedAndTheStoreRefusesEverythingAfter() {
        FailingBackend backend = new FailingBackend();
        LocalStore store = new LocalStore(backend, 10, Runnable::run, counters);

        assertThatThrownBy(() -> store.putIfRevision("a", "1", 0)).isInstanceOf(StoreException.class)
                .hasMessageContaining("failed writing revision 1").hasRootCauseMessage("disk full");

        assertThat(counters.get("store.write_failures")).isEqualTo(1);
        assertThat(backend.closed).isTrue();
        assertThatThrownBy(() -> store.get("a")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.putIfRevision("b", "1", 0)).isInstanceOf(StoreException.class);
    }

    private static final class FailingBackend implements StoreBackend {
        private boolean closed;

        @Override
        public long revision() {
            return 0;
        }

        @Override
        public Optional<Entry> get(String key) {
            return Optional.empty();
        }

        @Override
        public List<Entry> list(String prefix) {
            return List.of();
        }

        @Override
        public void apply(long revision, List<Entry> puts, Collection<String> deletes) {
            throw new IllegalStateException("disk full");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

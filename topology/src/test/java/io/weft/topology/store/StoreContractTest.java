package io.weft.topology.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, whatever keeps its data: extend this with a method that
 * opens a new, empty store. Watch assertions wait for events, so implementations may deliver
 * them on any thread.
 */
public abstract class StoreContractTest {
    protected final Counters counters = new Counters();
    private final List<Store> opened = new ArrayList<>();

    /** A new, empty store whose watch history holds {@code historySize} changes, counting into {@code counters}. */
    protected abstract Store newStore(int historySize, Counters counters);

    protected final Store open(int historySize) {
        Store store = newStore(historySize, counters);
        opened.add(store);
        return store;
    }

    protected final Store open() {
        return open(1_000);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    private static Entry entry(String key, String value, long created, long modified) {
        return new Entry(key, value, created, modified);
    }

    @Test
    void aNewStoreIsEmptyAtRevisionZero() {
        Store store = open();
        assertThat(store.revision()).isZero();
        assertThat(store.get("a")).isEmpty();
        assertThat(store.list("")).isEmpty();
        assertThat(store.snapshot("")).isEqualTo(new Snapshot(0, List.of()));
    }

    @Test
    void eachCommittedTransactionAdvancesTheRevisionByOneAndStampsWhatItWrote() {
        Store store = open();
        assertThat(store.putIfRevision("a", "1", 0)).isEqualTo(TxnResult.applied(1));
        assertThat(store.putIfRevision("b", "2", 0)).isEqualTo(TxnResult.applied(2));
        assertThat(store.putIfRevision("a", "3", 1)).isEqualTo(TxnResult.applied(3));

        assertThat(store.get("a")).contains(entry("a", "3", 1, 3));
        assertThat(store.get("b")).contains(entry("b", "2", 2, 2));
        assertThat(store.revision()).isEqualTo(3);
    }

    @Test
    void aConditionThatDoesNotHoldChangesNothing() {
        Store store = open();
        store.putIfRevision("a", "1", 0);

        assertThat(store.putIfRevision("a", "x", 0)).isEqualTo(TxnResult.conflict(1));
        assertThat(store.putIfRevision("a", "x", 7)).isEqualTo(TxnResult.conflict(1));
        assertThat(store.putIfRevision("missing", "x", 1)).isEqualTo(TxnResult.conflict(1));
        assertThat(store.deleteIfRevision("a", 2)).isEqualTo(TxnResult.conflict(1));

        assertThat(store.get("a")).contains(entry("a", "1", 1, 1));
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void aTransactionAppliesAllItsOperationsAtOneRevisionOrNone() {
        Store store = open();
        store.putIfRevision("a", "a1", 0);
        store.putIfRevision("b", "b1", 0);

        Txn stale = Txn.builder().ifModRevision("a", 1).ifModRevision("b", 1).ifAbsent("c")
                .put("a", "a2").put("c", "c1").delete("b").build();
        assertThat(store.commit(stale)).isEqualTo(TxnResult.conflict(2));
        assertThat(store.list("")).containsExactly(entry("a", "a1", 1, 1), entry("b", "b1", 2, 2));

        Txn current = Txn.builder().ifModRevision("a", 1).ifModRevision("b", 2).ifAbsent("c")
                .put("a", "a2").put("c", "c1").delete("b").build();
        assertThat(store.commit(current)).isEqualTo(TxnResult.applied(3));
        assertThat(store.list("")).containsExactly(entry("a", "a2", 1, 3), entry("c", "c1", 3, 3));
        assertThat(store.revision()).isEqualTo(3);
    }

    @Test
    void presenceAndAbsenceConditions() {
        Store store = open();
        store.putIfRevision("here", "1", 0);

        assertThat(store.commit(Txn.builder().ifPresent("gone").put("x", "1").build()).succeeded()).isFalse();
        assertThat(store.commit(Txn.builder().ifAbsent("here").put("x", "1").build()).succeeded()).isFalse();
        assertThat(store.commit(Txn.builder().ifPresent("here").ifAbsent("gone").put("x", "1").build()))
                .isEqualTo(TxnResult.applied(2));
        assertThat(store.get("x")).contains(entry("x", "1", 2, 2));
    }

    @Test
    void aTransactionThatChangesNothingSpendsNoRevision() {
        Store store = open();
        store.putIfRevision("a", "1", 0);

        assertThat(store.delete("absent")).isEqualTo(TxnResult.applied(1));
        assertThat(store.commit(Txn.builder().deletePrefix("nothing/").build())).isEqualTo(TxnResult.applied(1));
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void aDeletedKeyCreatedAgainStartsANewLife() {
        Store store = open();
        store.putIfRevision("a", "1", 0);
        assertThat(store.deleteIfRevision("a", 1)).isEqualTo(TxnResult.applied(2));
        assertThat(store.get("a")).isEmpty();

        assertThat(store.putIfRevision("a", "again", 0)).isEqualTo(TxnResult.applied(3));
        assertThat(store.get("a")).contains(entry("a", "again", 3, 3));
    }

    @Test
    void listsByPrefixInKeyOrder() {
        Store store = open();
        for (String key : List.of("net/b", "other", "net/a/x", "netx", "net/a", "net/A")) {
            store.putIfRevision(key, key.toUpperCase(), 0);
        }

        assertThat(store.list("net/")).extracting(Entry::key).containsExactly("net/A", "net/a", "net/a/x", "net/b");
        assertThat(store.list("net/a")).extracting(Entry::key).containsExactly("net/a", "net/a/x");
        assertThat(store.list("")).extracting(Entry::key)
                .containsExactly("net/A", "net/a", "net/a/x", "net/b", "netx", "other");
        assertThat(store.list("zzz")).isEmpty();
        assertThat(store.snapshot("net/a/")).isEqualTo(new Snapshot(6, List.of(entry("net/a/x", "NET/A/X", 3, 3))));
    }

    @Test
    void deletePrefixRemovesExactlyTheKeysUnderItAtOneRevision() {
        Store store = open();
        for (String key : List.of("t/blue/n1", "t/blue/n2", "t/bluegreen/n1", "t/red/n1", "t/blue")) {
            store.putIfRevision(key, "{}", 0);
        }

        assertThat(store.commit(Txn.builder().deletePrefix("t/blue/").build())).isEqualTo(TxnResult.applied(6));
        assertThat(store.list("")).extracting(Entry::key).containsExactly("t/blue", "t/bluegreen/n1", "t/red/n1");
    }

    @Test
    void overlappingDeletesInOneTransactionDeleteEachKeyOnce() {
        Store store = open();
        store.putIfRevision("n/a", "1", 0);
        store.putIfRevision("n/b", "2", 0);
        RecordingListener events = new RecordingListener();
        store.watch("n/", 2, events);

        assertThat(store.commit(Txn.builder().delete("n/a").deletePrefix("n/").delete("n/a").build()))
                .isEqualTo(TxnResult.applied(3));

        assertThat(events.next(2)).containsExactly(new WatchEvent.Delete("n/a", 3), new WatchEvent.Delete("n/b", 3));
        store.putIfRevision("n/sentinel", "s", 0);
        assertThat(events.next()).isEqualTo(new WatchEvent.Put(entry("n/sentinel", "s", 4, 4)));
    }

    @Test
    void valuesKeepEveryCharacter() {
        Store store = open();
        String json = "{\"name\":\"caf\u00e9 \u2615 \ud834\udd1e\",\"quote\":\"\\\"\",\"nul\":\"\u0000\"}";
        String large = "x".repeat(200_000);
        store.putIfRevision("json", json, 0);
        store.putIfRevision("large", large, 0);
        store.putIfRevision("empty", "", 0);

        assertThat(store.get("json")).map(Entry::value).contains(json);
        assertThat(store.get("large")).map(Entry::value).contains(large);
        assertThat(store.get("empty")).map(Entry::value).contains("");
    }

    @Test
    void badKeysAndRevisionsAreRefusedAndChangeNothing() {
        Store store = open();
        assertThatThrownBy(() -> store.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.watch("a", -1, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putIfRevision("a", "1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.revision()).isZero();
    }

    @Test
    void aWatchDeliversEveryChangeUnderItsPrefixInRevisionOrder() {
        Store store = open();
        RecordingListener events = new RecordingListener();
        store.watch("net/", 0, events);
        store.putIfRevision("net/a", "1", 0);
        store.putIfRevision("other", "1", 0);
        store.commit(Txn.builder().put("net/b", "2").delete("net/a").put("other", "2").build());
        store.delete("net/absent");
        store.commit(Txn.builder().deletePrefix("net/").build());
        store.putIfRevision("net/sentinel", "s", 0);

        assertThat(events.next(5)).containsExactly(
                new WatchEvent.Put(entry("net/a", "1", 1, 1)),
                new WatchEvent.Put(entry("net/b", "2", 3, 3)),
                new WatchEvent.Delete("net/a", 3),
                new WatchEvent.Delete("net/b", 4),
                new WatchEvent.Put(entry("net/sentinel", "s", 5, 5)));
    }

    @Test
    void aWatchResumesAfterTheRevisionItIsGiven() {
        Store store = open();
        for (int i = 1; i <= 5; i++) {
            store.putIfRevision("k/" + i, "v" + i, 0);
        }
        RecordingListener first = new RecordingListener();
        Watch watch = store.watch("k/", 2, first);
        assertThat(first.next(3)).extracting(e -> ((WatchEvent.Put) e).revision()).containsExactly(3L, 4L, 5L);
        watch.close();

        store.putIfRevision("k/6", "v6", 0);
        Snapshot snapshot = store.snapshot("k/");
        store.putIfRevision("k/7", "v7", 0);
        RecordingListener resumed = new RecordingListener();
        store.watch("k/", 5, resumed);
        RecordingListener fromSnapshot = new RecordingListener();
        store.watch("k/", snapshot.revision(), fromSnapshot);

        assertThat(resumed.next(2)).extracting(e -> ((WatchEvent.Put) e).key()).containsExactly("k/6", "k/7");
        assertThat(fromSnapshot.next()).isEqualTo(new WatchEvent.Put(entry("k/7", "v7", 7, 7)));
        assertThat(snapshot.entries()).hasSize(6);
    }

    @Test
    void aWatchFromFurtherBackThanHistoryIsToldToListAgainAndEnds() {
        Store store = open(3);
        for (int i = 1; i <= 10; i++) {
            store.putIfRevision("k/" + i, "v", 0);
        }
        RecordingListener tooOld = new RecordingListener();
        store.watch("k/", 1, tooOld);

        WatchEvent event = tooOld.next();
        assertThat(event).isInstanceOf(WatchEvent.Compacted.class);
        long compactRevision = ((WatchEvent.Compacted) event).compactRevision();
        assertThat(compactRevision).isBetween(2L, 7L);
        assertThat(counters.get("store.watch.compacted")).isEqualTo(1);

        RecordingListener fromCompacted = new RecordingListener();
        store.watch("k/", compactRevision, fromCompacted);
        assertThat(fromCompacted.next((int) (10 - compactRevision)))
                .extracting(e -> ((WatchEvent.Put) e).revision()).startsWith(compactRevision + 1).endsWith(10L);
        store.putIfRevision("k/11", "v", 0);
        assertThat(fromCompacted.next()).isEqualTo(new WatchEvent.Put(entry("k/11", "v", 11, 11)));
        assertThat(tooOld.drained()).as("nothing after Compacted").isEmpty();
    }

    @Test
    void aClosedWatchGetsNothingMore() {
        Store store = open();
        RecordingListener closed = new RecordingListener();
        Watch watch = store.watch("", 0, closed);
        RecordingListener open = new RecordingListener();
        store.watch("", 0, open);
        store.putIfRevision("a", "1", 0);
        assertThat(closed.next()).isEqualTo(new WatchEvent.Put(entry("a", "1", 1, 1)));

        watch.close();
        store.putIfRevision("b", "1", 0);

        assertThat(open.next(2)).extracting(e -> ((WatchEvent.Put) e).key()).containsExactly("a", "b");
        assertThat(closed.drained()).isEmpty();
    }

    @Test
    void aListenerThatThrowsIsCountedAndStillGetsLaterEvents() {
        Store store = open();
        RecordingListener events = new RecordingListener();
        store.watch("", 0, event -> {
            events.onEvent(event);
            if (((WatchEvent.Put) event).key().equals("bad")) {
                throw new IllegalStateException("listener bug");
            }
        });

        store.putIfRevision("bad", "1", 0);
        store.putIfRevision("good", "1", 0);

        assertThat(events.next(2)).extracting(e -> ((WatchEvent.Put) e).key()).containsExactly("bad", "good");
        assertThat(counters.get("store.watch.listener_failures")).isEqualTo(1);
    }

    @Test
    void concurrentConditionalWritersLoseNoUpdate() throws Exception {
        Store store = open(10_000);
        int writers = 4;
        int increments = 50;
        store.putIfRevision("counter", "0", 0);
        RecordingListener events = new RecordingListener();
        store.watch("counter", 1, events);

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                conflicts.add(pool.submit(() -> {
                    int lost = 0;
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Entry current = store.get("counter").orElseThrow();
                            String next = Integer.toString(Integer.parseInt(current.value()) + 1);
                            if (store.putIfRevision("counter", next, current.modRevision()).succeeded()) {
                                break;
                            }
                            lost++;
                        }
                    }
                    return lost;
                }));
            }
            for (Future<Integer> f : conflicts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int total = writers * increments;
        assertThat(store.get("counter")).contains(entry("counter", Integer.toString(total), 1, total + 1));
        assertThat(store.revision()).isEqualTo(total + 1);
        List<WatchEvent> seen = events.next(total);
        for (int i = 0; i < total; i++) {
            assertThat(seen.get(i)).isEqualTo(new WatchEvent.Put(entry("counter", Integer.toString(i + 1), 1, i + 2)));
        }
    }

    @Test
    void aClosedStoreRefusesEverything() {
        Store store = open();
        store.putIfRevision("a", "1", 0);
        store.close();

        assertThatThrownBy(() -> store.get("a")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreException.class);
        assertThatThrownBy(store::revision).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.putIfRevision("b", "1", 0)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.watch("", 0, new RecordingListener())).isInstanceOf(StoreException.class);
        store.close();
    }
}

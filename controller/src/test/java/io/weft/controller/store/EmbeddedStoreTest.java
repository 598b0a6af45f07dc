package io.weft.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.topology.store.Entry;
import io.weft.topology.store.RecordingListener;
import io.weft.topology.store.Store;
import io.weft.topology.store.StoreContractTest;
import io.weft.topology.store.StoreException;
import io.weft.topology.store.Txn;
import io.weft.topology.store.WatchEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest extends StoreContractTest {
    @TempDir
    Path dir;
    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected Store newStore(int historySize, Counters counters) {
        try {
            Path dataDir = Files.createDirectory(dir.resolve("store-" + stores.incrementAndGet()));
            return EmbeddedStore.open(dataDir, historySize, counters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aReopenedStoreHasEveryEntryAndRevisionAndWatchesStartAfresh() {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            store.putIfRevision("t/blue", "{\"id\":\"blue\"}", 0);
            store.putIfRevision("t/red", "{\"id\":\"red\"}", 0);
            store.commit(Txn.builder().ifModRevision("t/blue", 1).put("t/blue", "{\"id\":\"blue\",\"v\":2}")
                    .delete("t/red").build());
        }

        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(store.list("")).containsExactly(new Entry("t/blue", "{\"id\":\"blue\",\"v\":2}", 1, 3));
            RecordingListener before = new RecordingListener();
            store.watch("", 2, before);
            assertThat(before.next()).isEqualTo(new WatchEvent.Compacted(3));

            RecordingListener current = new RecordingListener();
            store.watch("", 3, current);
            assertThat(store.putIfRevision("t/red", "{}", 0).revision()).isEqualTo(4);
            assertThat(current.next()).isEqualTo(new WatchEvent.Put(new Entry("t/red", "{}", 4, 4)));
        }
    }

    @Test
    void theFileIsInTheDataDirectoryAndOnlyItsOwnerMayReadIt() throws IOException {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            store.putIfRevision("tokens/blue", "hash", 0);
        }
        Path file = dir.resolve(EmbeddedStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void oneProcessAtATime() {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            assertThatThrownBy(() -> EmbeddedStore.open(dir, 100, counters)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the store").hasMessageContaining(EmbeddedStore.FILE_NAME);
            assertThat(store.putIfRevision("still", "works", 0).succeeded()).isTrue();
        }
    }

    @Test
    void aFileThatIsNotAStoreIsRefused() throws IOException {
        Files.writeString(dir.resolve(EmbeddedStore.FILE_NAME), "H:2,block:2,blockSize:1000,chunk:0 not a store\n"
                .repeat(200));

        assertThatThrownBy(() -> EmbeddedStore.open(dir, 100, counters)).isInstanceOf(StoreException.class)
                .hasMessageContaining(EmbeddedStore.FILE_NAME);
    }

    @Test
    void anMvStoreFileThatIsNotWeftsIsRefusedAndLeftAsItWas() {
        MVStore other = MVStore.open(dir.resolve(EmbeddedStore.FILE_NAME).toString());
        other.openMap("entries").put("someone", "else's");
        other.close();

        assertThatThrownBy(() -> EmbeddedStore.open(dir, 100, counters)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a Weft store");
        MVStore again = MVStore.open(dir.resolve(EmbeddedStore.FILE_NAME).toString());
        assertThat(again.openMap("entries").get("someone")).isEqualTo("else's");
        assertThat(again.hasMap("meta")).isFalse();
        again.close();
    }

    /**
     * A child JVM commits as fast as it can and halts itself mid-stream (no close, no shutdown
     * hook, as with kill -9). Every commit it acknowledged must be there, whole, and the store
     * must take new commits.
     */
    @Test
    void everyAcknowledgedCommitSurvivesAProcessThatDiesMidWrite() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dir.toString(), "200")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<long[]> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ack ")) {
                    String[] parts = line.split(" ");
                    acks.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(child.exitValue()).as("the child halted itself").isEqualTo(CrashingWriter.HALT_STATUS);
        assertThat(acks).hasSizeGreaterThanOrEqualTo(200);
        long lastAcked = acks.getLast()[1];

        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            for (long[] ack : acks) {
                assertThat(ack[1]).isEqualTo(ack[0]);
                assertThat(store.get("k/" + ack[0])).contains(new Entry("k/" + ack[0], "v" + ack[0], ack[1], ack[1]));
            }
            // The halt may fall between a commit's return and its ack: at most that one more.
            long revision = store.revision();
            assertThat(revision).isBetween(lastAcked, lastAcked + 1);
            assertThat(store.get("count")).map(Entry::value).contains(Long.toString(revision));
            assertThat(store.list("k/")).hasSize((int) revision);

            assertThat(store.putIfRevision("after", "crash", 0).revision()).isEqualTo(revision + 1);
        }
        try (EmbeddedStore store = EmbeddedStore.open(dir, 100, counters)) {
            assertThat(store.get("after")).map(Entry::value).contains("crash");
        }
    }
}

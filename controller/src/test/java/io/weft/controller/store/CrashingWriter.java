package io.weft.controller.store;

import io.weft.metrics.Counters;
import io.weft.topology.store.Txn;
import io.weft.topology.store.TxnResult;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Run in a child JVM by {@link EmbeddedStoreTest}: commits transactions as fast as it can,
 * printing {@code ack <n> <revision>} once each commit has returned, and halts the JVM (no
 * shutdown hooks, no close) from another thread while the writer is still going.
 */
public final class CrashingWriter {
    static final int HALT_STATUS = 86;

    private CrashingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        int haltAfter = Integer.parseInt(args[1]);
        EmbeddedStore store = EmbeddedStore.open(dataDir, 100, new Counters());
        long start = store.revision();
        CountDownLatch enough = new CountDownLatch(haltAfter);
        Thread writer = new Thread(() -> {
            for (long n = start + 1; ; n++) {
                // Two keys per transaction: after the crash, both or neither must be there.
                TxnResult result = store.commit(Txn.builder().ifRevision("count", n - 1)
                        .put("count", Long.toString(n)).put("k/" + n, "v" + n).build());
                if (!result.succeeded()) {
                    throw new IllegalStateException("conflict at " + n + ": " + result);
                }
                System.out.println("ack " + n + " " + result.revision());
                System.out.flush();
                enough.countDown();
            }
        }, "writer");
        writer.setDaemon(true);
        writer.start();
        enough.await();
        Runtime.getRuntime().halt(HALT_STATUS);
    }
}

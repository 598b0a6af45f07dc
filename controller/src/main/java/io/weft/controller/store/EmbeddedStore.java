package io.weft.controller.store;

import io.weft.metrics.Counters;
import io.weft.topology.store.Watch;
import io.weft.topology.store.local.ForwardingStore;
import io.weft.topology.store.local.LocalStore;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The controller's durable store: one file, {@value #FILE_NAME}, in the data directory.
 *
 * <ul>
 *   <li>Every transaction {@link #commit} acknowledges is on disk (written and fsynced) before
 *       commit returns, with the store's revision; after a crash or {@code kill -9} the store
 *       reopens at the last acknowledged transaction, whole.</li>
 *   <li>One process at a time: the file is locked while open, and a second open fails.</li>
 *   <li>Watch history is kept in memory only: after a restart it starts at the current revision,
 *       and a watch from an earlier revision gets {@code Compacted} (list again).</li>
 *   <li>Watch listeners run on one delivery thread of the store's own.</li>
 * </ul>
 */
public final class EmbeddedStore extends ForwardingStore {
    public static final String FILE_NAME = "store.mv";
    /** Changes kept for watches: ample for listeners that keep up, bounded for those that do not. */
    public static final int DEFAULT_HISTORY = 10_000;

    private final ExecutorService delivery;

    private EmbeddedStore(LocalStore store, ExecutorService delivery) {
        super(store);
        this.delivery = delivery;
    }

    /** Opens (or creates) the store in {@code dataDir}, which must exist. */
    public static EmbeddedStore open(Path dataDir, int historySize, Counters counters) {
        MvStoreBackend backend = MvStoreBackend.open(dataDir.resolve(FILE_NAME));
        ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "weft-store-watch");
            thread.setDaemon(true);
            return thread;
        });
        return new EmbeddedStore(new LocalStore(backend, historySize, delivery, counters), delivery);
    }

    @Override
    public void close() {
        super.close();
        delivery.shutdown();
    }
}

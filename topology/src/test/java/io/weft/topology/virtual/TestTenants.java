package io.weft.topology.virtual;

import io.weft.metrics.Counters;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.store.Store;
import io.weft.topology.store.local.InMemoryStore;

/**
 * The tenant services as the controller wires them, over an in-memory store that delivers
 * watch events before a commit returns. Other modules' tests reach it through the topology
 * test-jar.
 */
public final class TestTenants implements AutoCloseable {
    public final Store store;
    public final VirtualNetworkManager manager;
    public final VirtualNetworkAdmin admin;

    public TestTenants(EventDispatcher dispatcher, Counters counters) {
        this(new InMemoryStore(InMemoryStore.DEFAULT_HISTORY, counters), dispatcher, VirtualNetworkConfig.DEFAULTS,
                counters);
    }

    /** Another controller's services over a store this one shares. */
    public TestTenants(Store store, EventDispatcher dispatcher, VirtualNetworkConfig config, Counters counters) {
        this.store = store;
        this.manager = new VirtualNetworkManager(store, dispatcher, config, counters);
        this.admin = new VirtualNetworkAdmin(store, manager, config, counters);
        manager.start();
    }

    @Override
    public void close() {
        manager.close();
    }
}

package io.weft.topology.store.local;

import io.weft.metrics.Counters;
import io.weft.topology.store.Store;
import io.weft.topology.store.StoreContractTest;

class InMemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore(int historySize, Counters counters) {
        return new InMemoryStore(historySize, counters);
    }
}

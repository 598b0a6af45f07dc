package io.weft.topology.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.topology.TestFabric;
import io.weft.topology.store.Entry;
import io.weft.topology.store.Store;
import io.weft.topology.store.Txn;
import io.weft.topology.store.TxnResult;
import io.weft.topology.store.local.ForwardingStore;
import io.weft.topology.store.local.InMemoryStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several controllers sharing one store, as they will share etcd: each runs its own services,
 * and only the store's conditions keep them from handing out one tag, or one network, twice.
 */
class VirtualNetworkConcurrencyTest {
    private static final TenantId BLUE = new TenantId("blue");
    private static final TenantId RED = new TenantId("red");
    private static final NetworkId WEB = new NetworkId(BLUE, "web");

    private final TestFabric fabric = new TestFabric();
    private final Counters counters = fabric.counters();
    private final InMemoryStore store = new InMemoryStore();
    private final List<TestTenants> controllers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        pool.shutdownNow();
        controllers.forEach(TestTenants::close);
    }

    private TestTenants controller(Store shared, VirtualNetworkConfig config) {
        TestTenants controller = new TestTenants(shared, fabric.dispatcher(), config, counters);
        controllers.add(controller);
        return controller;
    }

    /** Runs the tasks at once on the pool, released together; returns their outcomes. */
    private <T> List<Future<T>> race(List<Callable<T>> tasks) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        for (Future<T> future : futures) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Inspected by the caller.
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a change did not finish", e);
            }
        }
        return futures;
    }

    @Test
    void controllersCreatingNetworksAtOnceNeverShareATag() throws Exception {
        // Generous attempts: this test is about what is committed, not about how long a writer may lose.
        VirtualNetworkConfig config = new VirtualNetworkConfig(1, 4094, 1_000, 16, 16, 100);
        List<TestTenants> four = List.of(controller(store, config), controller(store, config),
                controller(store, config), controller(store, config));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < four.size(); c++) {
            TenantId tenant = new TenantId("t" + c);
            four.get(c).admin.createTenant(tenant);
            VirtualNetworkAdmin admin = four.get(c).admin;
            tasks.add(() -> {
                for (int n = 0; n < 10; n++) {
                    admin.createNetwork(new NetworkId(tenant, "n" + n), VirtualNetwork.Kind.CUSTOM);
                }
                return null;
            });
        }
        for (Future<Void> outcome : race(tasks)) {
            assertThat(outcome.get()).isNull();
        }

        for (TestTenants controller : four) {
            List<VirtualNetwork> networks = controller.manager.networks();
            assertThat(networks).hasSize(40);
            assertThat(networks.stream().map(VirtualNetwork::tag).distinct()).hasSize(40);
            assertThat(networks).extracting(VirtualNetwork::tag).allMatch(tag -> tag >= 1 && tag <= 40);
        }
        Set<String> stored = new HashSet<>(List.of(store.get("/weft/v1/tags").orElseThrow().value()
                .replaceAll("[{}]", "").split(",")));
        assertThat(stored).hasSize(40);
    }

    @Test
    void controllersCreatingTheSameNetworkAtOnceCreateItOnce() throws Exception {
        controller(store, VirtualNetworkConfig.DEFAULTS).admin.createTenant(BLUE);
        List<Callable<VirtualNetwork>> tasks = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            VirtualNetworkAdmin admin = controller(store, VirtualNetworkConfig.DEFAULTS).admin;
            tasks.add(() -> admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH));
        }
        int created = 0;
        for (Future<VirtualNetwork> outcome : race(tasks)) {
            try {
                assertThat(outcome.get().id()).isEqualTo(WEB);
                created++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VirtualNetworkException.Conflict.class)
                        .hasMessage("network web exists");
            }
        }
        assertThat(created).isEqualTo(1);
        assertThat(store.get("/weft/v1/tags").orElseThrow().value()).isEqualTo("{\"1\":\"blue/web\"}");
    }

    @Test
    void aChangeThatLosesARaceIsCheckedAgainAgainstTheWinner() {
        TestTenants other = controller(store, VirtualNetworkConfig.DEFAULTS);
        AtomicInteger interruptions = new AtomicInteger();
        Interfering interfering = new Interfering(store, () -> {
            if (interruptions.getAndDecrement() > 0) {
                other.admin.createNetwork(new NetworkId(RED, "web"), VirtualNetwork.Kind.CUSTOM);
            }
        });
        TestTenants mine = controller(interfering, VirtualNetworkConfig.DEFAULTS);
        other.admin.createTenant(RED);
        mine.admin.createTenant(BLUE);
        interruptions.set(1);

        VirtualNetwork web = mine.admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH);

        assertThat(web.tag()).as("tag 1 went to the other controller's network meanwhile").isEqualTo(2);
        assertThat(mine.manager.network(new NetworkId(RED, "web"))).hasValueSatisfying(n ->
                assertThat(n.tag()).isEqualTo(1));
        assertThat(counters.get("virtual.txn.conflicts")).isEqualTo(1);
        assertThat(counters.get("virtual.txn.gave_up")).isZero();
    }

    @Test
    void aChangeThatKeepsLosingGivesUpAsAConflictAndWritesNothing() {
        Interfering interfering = new Interfering(store, () -> store.commit(Txn.builder()
                .put("/weft/v1/tenants/blue/tenant", "{\"id\":\"blue\"}").build()));
        TestTenants mine = controller(store, VirtualNetworkConfig.DEFAULTS);
        mine.admin.createTenant(BLUE);
        TestTenants losing = controller(interfering, VirtualNetworkConfig.DEFAULTS);

        assertThatThrownBy(() -> losing.admin.createNetwork(WEB, VirtualNetwork.Kind.CUSTOM))
                .isInstanceOf(VirtualNetworkException.Conflict.class)
                .hasMessage("tenant blue was changed by another writer during each of 8 attempts; try again");
        assertThat(counters.get("virtual.txn.conflicts")).isEqualTo(8);
        assertThat(counters.get("virtual.txn.gave_up")).isEqualTo(1);
        assertThat(store.list("/weft/v1/")).extracting(Entry::key).containsExactly("/weft/v1/tenants/blue/tenant",
                store.list("/weft/v1/tenants/blue/tokens/").get(0).key());
        assertThat(mine.manager.networks()).isEmpty();
    }

    /** A store where another writer commits just before each of this controller's commits. */
    private static final class Interfering extends ForwardingStore {
        private final Runnable otherWriter;

        Interfering(Store store, Runnable otherWriter) {
            super(store);
            this.otherWriter = otherWriter;
        }

        @Override
        public TxnResult commit(Txn txn) {
            otherWriter.run();
            return super.commit(txn);
        }
    }
}

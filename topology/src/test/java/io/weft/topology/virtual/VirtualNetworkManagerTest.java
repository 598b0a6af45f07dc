package io.weft.topology.virtual;

import static io.weft.topology.TestFabric.cp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.topology.TestFabric;
import io.weft.topology.store.Txn;
import io.weft.topology.store.local.InMemoryStore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/** The read side: what is loaded at start, followed through the watch, posted as events, and learned. */
class VirtualNetworkManagerTest {
    private static final TenantId BLUE = new TenantId("blue");
    private static final TenantId RED = new TenantId("red");
    private static final NetworkId WEB = new NetworkId(BLUE, "web");
    private static final NetworkId LAB = new NetworkId(BLUE, "lab");
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.valueOf("00:00:00:00:00:02");

    private final TestFabric fabric = new TestFabric();
    private final Counters counters = fabric.counters();
    private final List<VirtualNetworkEvent> events = fabric.record(VirtualNetworkEvent.class);
    private final TestTenants tenants = new TestTenants(fabric.dispatcher(), counters);
    private final VirtualNetworkAdmin admin = tenants.admin;
    private final VirtualNetworkManager service = tenants.manager;

    @AfterEach
    void close() {
        tenants.close();
    }

    /** blue: web (big switch, ports on att-1 and att-2 (VLAN 7), host h1) and lab (vs1-vs2, host h2); red: empty. */
    private String build() {
        String token = admin.createTenant(BLUE).token();
        admin.createTenant(RED);
        admin.createAttachment(BLUE, cp(1, 1), Optional.empty());
        admin.createAttachment(BLUE, cp(2, 1), Optional.of(VlanId.vlanId((short) 7)));
        admin.createAttachment(BLUE, cp(3, 1), Optional.empty());
        admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH);
        VirtualPortId p1 = admin.addPort(WEB, "big", Optional.of("att-1")).id();
        admin.addPort(WEB, "big", Optional.of("att-2"));
        admin.declareHost(WEB, H1, Set.of(IpAddress.valueOf("10.0.0.1")), p1);
        admin.createNetwork(LAB, VirtualNetwork.Kind.CUSTOM);
        admin.addSwitch(LAB, "vs1");
        admin.addSwitch(LAB, "vs2");
        VirtualPortId a = admin.addPort(LAB, "vs1", Optional.empty()).id();
        VirtualPortId b = admin.addPort(LAB, "vs2", Optional.empty()).id();
        VirtualPortId edge = admin.addPort(LAB, "vs2", Optional.of("att-3")).id();
        admin.addLink(LAB, a, b);
        admin.declareHost(LAB, H2, Set.of(), edge);
        return token;
    }

    /** Everything a reader can ask, in one comparable value. */
    private static List<Object> everything(VirtualNetworkService s) {
        return List.of(s.tenants(), s.attachments(BLUE), s.attachments(RED), s.networks(), s.switches(WEB),
                s.switches(LAB), s.ports(WEB), s.ports(LAB), s.links(LAB), s.hosts(WEB), s.hosts(LAB));
    }

    @Test
    void aControllerStartingOnTheStoreFindsEverythingAsItWas() {
        String token = build();
        List<Object> before = everything(service);

        TestFabric other = new TestFabric();
        List<VirtualNetworkEvent> loaded = other.record(VirtualNetworkEvent.class);
        try (TestTenants restarted = new TestTenants(tenants.store, other.dispatcher(), VirtualNetworkConfig.DEFAULTS,
                other.counters())) {
            assertThat(everything(restarted.manager)).isEqualTo(before);
            assertThat(restarted.manager.tenantOfToken(token)).contains(BLUE);
            assertThat(loaded).as("one ADDED per element").allMatch(e -> e.type() == VirtualNetworkEvent.Type.ADDED)
                    .hasSize(2 + 3 + 2 + 3 + 5 + 1 + 2);
            assertThat(other.counters().get("virtual.store.bad_entries")).isZero();
        }
    }

    @Test
    void changesByAnotherControllerSharingTheStoreAreSeen() {
        build();
        TestFabric elsewhere = new TestFabric();
        try (TestTenants other = new TestTenants(tenants.store, elsewhere.dispatcher(), VirtualNetworkConfig.DEFAULTS,
                elsewhere.counters())) {
            events.clear();
            other.admin.deleteNetwork(LAB);
            other.admin.createNetwork(new NetworkId(RED, "db"), VirtualNetwork.Kind.CUSTOM);
        }
        assertThat(service.networks()).extracting(n -> n.id().toString()).containsExactly("blue/web", "red/db");
        assertThat(service.hosts(LAB)).isEmpty();
        assertThat(events).filteredOn(e -> e.element() instanceof VirtualNetwork)
                .extracting(VirtualNetworkEvent::type).containsExactly(VirtualNetworkEvent.Type.REMOVED,
                        VirtualNetworkEvent.Type.ADDED);
    }

    @Test
    void aDeletionIsPostedInnermostFirstAndACreationOutermostFirst() {
        build();
        events.clear();
        admin.deleteNetwork(LAB);
        assertThat(events).allMatch(e -> e.type() == VirtualNetworkEvent.Type.REMOVED)
                .extracting(e -> e.element().getClass().getSimpleName())
                .containsExactly("VirtualHost", "VirtualLink", "VirtualPort", "VirtualPort", "VirtualPort",
                        "VirtualSwitch", "VirtualSwitch", "VirtualNetwork");

        events.clear();
        admin.deleteTenant(BLUE);
        assertThat(events).extracting(e -> e.element().getClass().getSimpleName())
                .containsExactly("VirtualHost", "VirtualPort", "VirtualPort", "VirtualSwitch", "VirtualNetwork",
                        "Attachment", "Attachment", "Attachment", "Tenant");
        assertThat(events).extracting(e -> e.subject()).containsOnly(BLUE);
    }

    @Test
    void aNewTokenUpdatesTheTenant() {
        admin.createTenant(BLUE);
        events.clear();
        admin.issueToken(BLUE, false);
        assertThat(events).containsExactly(VirtualNetworkEvent.updated(new Tenant(BLUE, 1), new Tenant(BLUE, 2)));
    }

    @Test
    void learnedHostsJoinDeclaredOnesUntilTheirPortGoes() {
        build();
        events.clear();
        VirtualHost learned = new VirtualHost(WEB, MacAddress.valueOf("00:00:00:00:00:03"),
                Set.of(IpAddress.valueOf("10.0.0.3")), new VirtualPortId("big", 2), false);
        service.hostLearned(learned);
        service.hostLearned(learned);
        assertThat(service.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H1, learned.mac());
        assertThat(service.host(WEB, learned.mac())).contains(learned);
        assertThat(events).containsExactly(VirtualNetworkEvent.added(learned));

        service.hostLearned(new VirtualHost(WEB, H1, Set.of(), new VirtualPortId("big", 2), false));
        assertThat(counters.get("virtual.hosts.learned.declared")).isEqualTo(1);
        service.hostLearned(new VirtualHost(LAB, H1, Set.of(), new VirtualPortId("vs1", 1), false));
        service.hostLearned(new VirtualHost(new NetworkId(RED, "none"), H1, Set.of(), new VirtualPortId("big", 1),
                false));
        assertThat(counters.get("virtual.hosts.learned.unknown_port")).as("an internal port, a missing network")
                .isEqualTo(2);
        assertThatThrownBy(() -> service.hostLearned(new VirtualHost(WEB, H2, Set.of(), new VirtualPortId("big", 2),
                true))).isInstanceOf(IllegalArgumentException.class);

        events.clear();
        admin.removePort(WEB, new VirtualPortId("big", 2));
        assertThat(service.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H1);
        assertThat(events.get(0)).isEqualTo(VirtualNetworkEvent.removed(learned));
    }

    @Test
    void aDeclaredHostReplacesALearnedOneAndVanishingForgetsIt() {
        build();
        VirtualPortId p2 = new VirtualPortId("big", 2);
        VirtualHost learned = new VirtualHost(WEB, H2, Set.of(), p2, false);
        service.hostLearned(learned);
        events.clear();
        admin.declareHost(WEB, H2, Set.of(), p2);
        assertThat(events).containsExactly(VirtualNetworkEvent.removed(learned),
                VirtualNetworkEvent.added(new VirtualHost(WEB, H2, Set.of(), p2, true)));

        VirtualHost other = new VirtualHost(WEB, MacAddress.valueOf("00:00:00:00:00:09"), Set.of(), p2, false);
        service.hostLearned(other);
        service.hostVanished(WEB, other.mac());
        service.hostVanished(WEB, other.mac());
        assertThat(service.hosts(WEB)).extracting(VirtualHost::declared).containsOnly(true);
        assertThat(events.subList(2, events.size())).containsExactly(VirtualNetworkEvent.added(other),
                VirtualNetworkEvent.removed(other));
    }

    @Test
    void learnedHostsAreBounded() {
        try (TestTenants small = new TestTenants(new InMemoryStore(), fabric.dispatcher(),
                VirtualNetworkConfig.DEFAULTS.withMaxLearnedHosts(1), counters)) {
            small.admin.createTenant(BLUE);
            small.admin.createAttachment(BLUE, cp(1, 1), Optional.empty());
            small.admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH);
            VirtualPortId port = small.admin.addPort(WEB, "big", Optional.of("att-1")).id();
            small.manager.hostLearned(new VirtualHost(WEB, H1, Set.of(), port, false));
            small.manager.hostLearned(new VirtualHost(WEB, H2, Set.of(), port, false));
            assertThat(small.manager.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H1);
            assertThat(counters.get("virtual.hosts.learned.table_full")).isEqualTo(1);
            small.manager.hostVanished(WEB, H1);
            small.manager.hostLearned(new VirtualHost(WEB, H2, Set.of(), port, false));
            assertThat(small.manager.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H2);
        }
    }

    @Test
    void anUnreadableEntryIsCountedAndSkippedAndTheRestOfTheTenantStays() {
        build();
        tenants.store.commit(Txn.builder()
                .put("/weft/v1/tenants/blue/networks/web/hosts/00:00:00:00:00:05", "{not json")
                .put("/weft/v1/tenants/blue/networks/gone/switches/vs1", "{\"id\":\"vs1\"}")
                .put("/weft/v1/tenants/blue/whatever", "{}")
                .put("/weft/v1/tenants/BLUE/tenant", "{}")
                .put("/weft/v1/tenants/blue/tenant", "{\"id\":\"blue\"}").build());

        assertThat(service.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H1);
        assertThat(counters.get("virtual.store.bad_entries")).isEqualTo(3);
        try (TestTenants restarted = new TestTenants(tenants.store, fabric.dispatcher(), VirtualNetworkConfig.DEFAULTS,
                new Counters())) {
            assertThat(restarted.manager.networks()).hasSize(2);
        }
    }

    @Test
    void aWatchThatFellBehindReadsEverythingAgain() {
        Queue<Runnable> deliveries = new ArrayDeque<>();
        Executor later = deliveries::add;
        InMemoryStore store = new InMemoryStore(1, later, counters);
        try (TestTenants writer = new TestTenants(store, fabric.dispatcher(), VirtualNetworkConfig.DEFAULTS,
                counters);
             TestTenants reader = new TestTenants(store, fabric.dispatcher(), VirtualNetworkConfig.DEFAULTS,
                     counters)) {
            writer.admin.createTenant(BLUE);
            writer.admin.createTenant(RED);
            writer.admin.deleteTenant(BLUE);
            assertThat(reader.manager.tenants()).as("nothing delivered yet").isEmpty();
            while (!deliveries.isEmpty()) {
                deliveries.poll().run();
            }
            assertThat(reader.manager.tenants()).extracting(Tenant::id).containsExactly(RED);
            assertThat(counters.get("virtual.store.watch_compacted")).isPositive();
            writer.admin.createTenant(new TenantId("green"));
            while (!deliveries.isEmpty()) {
                deliveries.poll().run();
            }
            assertThat(reader.manager.tenants()).as("the new watch follows").extracting(Tenant::id)
                    .containsExactly(new TenantId("green"), RED);
        }
    }
}

package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.store.local.InMemoryStore;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.Traffic;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdmin;
import io.weft.topology.virtual.VirtualNetworkConfig;
import io.weft.topology.virtual.VirtualNetworkManager;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualPortStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;

/**
 * A network's edge traffic, counted from its own rules: frames are played through the rules
 * the app installed on the in-memory fabric (a ring of four switches), which counts what each
 * rule matched as a switch would; those counts are the statistics the network's are computed
 * from. Blue has A at s1/3 VLAN 100, B at s3/3 (the whole port) and C at s1/6 VLAN 200; red has
 * hosts with the same MACs at s1/4 and s3/4, whose traffic must not count for blue.
 */
class VnetStatsTest {
    private static final MacAddress A = MacAddress.valueOf("02:00:00:00:00:0a");
    private static final MacAddress B = MacAddress.valueOf("02:00:00:00:00:0b");
    private static final MacAddress C = MacAddress.valueOf("02:00:00:00:00:0c");
    private static final Instant POLLED = Instant.parse("2026-01-02T03:04:05Z");
    /** A frame of {@link VnetLab#frame}: 42 bytes untagged, 46 with a tag. */
    private static final int UNTAGGED = 42;
    private static final int TAGGED = 46;

    private final Fabric fabric = new Fabric(p -> this.manager.isReserved(p));
    private final InMemoryStore store = new InMemoryStore();
    private final VirtualNetworkManager manager = new VirtualNetworkManager(store, fabric.dispatcher,
            VirtualNetworkConfig.DEFAULTS, fabric.counters);
    private final VirtualNetworkAdmin admin = new VirtualNetworkAdmin(store, manager, VirtualNetworkConfig.DEFAULTS,
            fabric.counters);
    private final VnetApp app = new VnetApp(manager, manager, fabric.topology, fabric.devices, fabric, Runnable::run,
            fabric.clock, Duration.ofSeconds(5), fabric.counters);
    private final List<DeviceId> unpolled = new ArrayList<>();
    private final VnetStats stats = new VnetStats(manager, this::latest);
    private NetworkId blue;
    private NetworkId red;

    @BeforeEach
    void wire() {
        fabric.devices.addListener(app::onDeviceEvent);
        for (int s = 1; s <= 4; s++) {
            fabric.addSwitch(s, 8);
        }
        for (int s = 1; s <= 4; s++) {
            fabric.cable(point(s, 1), point(s % 4 + 1, 2));
        }
        manager.start();
        manager.addListener(app::onVirtualNetworkEvent);
        fabric.topology.addListener(app::onTopologyEvent);
        fabric.addProcessor(50, app.packetProcessor(fabric, manager, manager));
        fabric.settle();
        blue = network("blue");
        bind(blue, point(1, 3), 100, A);
        bind(blue, point(3, 3), 0, B);
        bind(blue, point(1, 6), 200, C);
        red = network("red");
        bind(red, point(1, 4), 0, A);
        bind(red, point(3, 4), 0, B);
        fabric.settle();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void eachEdgeCountsWhatItsHostSentAndWasDelivered() {
        send(point(1, 3), 100, A, B, 3);
        send(point(3, 3), 0, B, A, 2);
        send(point(1, 6), 200, C, A, 1);
        send(point(3, 3), 0, B, MacAddress.BROADCAST, 1);
        send(point(1, 4), 0, A, B, 5);

        VirtualNetworkStats network = stats.stats(blue).orElseThrow();

        assertThat(network.ports()).containsExactly(
                port(1, point(1, 3), new Traffic(3, 3 * TAGGED), new Traffic(4, 4 * TAGGED)),
                port(2, point(3, 3), new Traffic(3, 3 * UNTAGGED), new Traffic(3, 3 * TAGGED)),
                port(3, point(1, 6), new Traffic(1, TAGGED), new Traffic(1, TAGGED)));
        assertThat(network.sent()).isEqualTo(new Traffic(7, 4 * TAGGED + 3 * UNTAGGED));
        assertThat(network.received()).isEqualTo(new Traffic(8, 8 * TAGGED));
        VirtualNetworkStats other = stats.stats(red).orElseThrow();
        assertThat(other.sent()).isEqualTo(new Traffic(5, 5 * UNTAGGED));
        assertThat(other.received()).isEqualTo(new Traffic(5, 5 * TAGGED));
    }

    @Test
    void aPortWhoseSwitchWasNotPolledCountsNothingAndSaysSo() {
        send(point(1, 3), 100, A, B, 3);
        unpolled.add(Fabric.device(3));

        VirtualNetworkStats network = stats.stats(blue).orElseThrow();

        assertThat(network.ports().get(1)).isEqualTo(VirtualPortStats.notPolled(new VirtualPortId("big", 2),
                attachmentAt(point(3, 3))));
        assertThat(network.ports().get(0).sent()).isEqualTo(new Traffic(3, 3 * TAGGED));
        assertThat(network.received()).isEqualTo(Traffic.ZERO);
    }

    @Test
    void anInternalPortOrAnUnknownNetworkHasNoStatistics() {
        NetworkId lab = new NetworkId(new TenantId("blue"), "lab");
        admin.createNetwork(lab, VirtualNetwork.Kind.CUSTOM);
        admin.addSwitch(lab, "vs1");
        admin.addPort(lab, "vs1", Optional.empty());

        assertThat(stats.stats(lab)).contains(new VirtualNetworkStats(lab, List.of(), Traffic.ZERO, Traffic.ZERO));
        assertThat(stats.stats(new NetworkId(new TenantId("blue"), "nope"))).isEmpty();
    }

    private VirtualPortStats port(int number, ConnectPoint point, Traffic sent, Traffic received) {
        return new VirtualPortStats(new VirtualPortId("big", number), attachmentAt(point), sent, received,
                Optional.of(POLLED));
    }

    private String attachmentAt(ConnectPoint point) {
        return manager.tenants().stream().flatMap(t -> manager.attachments(t.id()).stream())
                .filter(a -> a.point().equals(point)).map(Attachment::id).findFirst().orElseThrow();
    }

    /** What the fabric's rules matched, as a poll of {@code device} would report it. */
    private Optional<DeviceStats> latest(DeviceId device) {
        if (unpolled.contains(device)) {
            return Optional.empty();
        }
        List<FlowStats> flows = new ArrayList<>();
        for (FlowRule rule : fabric.tables.getOrDefault(device, List.of())) {
            Traffic matched = fabric.matched.getOrDefault(rule, Traffic.ZERO);
            flows.add(new FlowStats(rule, matched.packets(), matched.bytes(), Duration.ofSeconds(1)));
        }
        return Optional.of(new DeviceStats(device, POLLED, List.of(), flows, List.of(), 0));
    }

    private void send(ConnectPoint from, int vlan, MacAddress src, MacAddress dst, int frames) {
        for (int i = 0; i < frames; i++) {
            List<Fabric.Delivery> delivered = fabric.deliver(from, VnetLab.frame(src, dst,
                    vlan == 0 ? VlanId.NONE : VlanId.vlanId((short) vlan), Ethernet.TYPE_IPV4));
            assertThat(delivered).as("frames from %s to %s", src, dst).isNotEmpty();
        }
    }

    private NetworkId network(String tenant) {
        TenantId id = new TenantId(tenant);
        admin.createTenant(id);
        NetworkId network = new NetworkId(id, "web");
        admin.createNetwork(network, VirtualNetwork.Kind.BIG_SWITCH);
        return network;
    }

    private void bind(NetworkId network, ConnectPoint point, int vlan, MacAddress host) {
        Attachment attachment = admin.createAttachment(network.tenant(), point,
                vlan == 0 ? Optional.empty() : Optional.of(VlanId.vlanId((short) vlan)));
        VirtualPortId port = admin.addPort(network, VirtualPort.BIG_SWITCH, Optional.of(attachment.id())).id();
        admin.declareHost(network, host, Set.of(IpAddress.valueOf("10.0.0." + (host.toLong() & 0xff))), port);
    }
}

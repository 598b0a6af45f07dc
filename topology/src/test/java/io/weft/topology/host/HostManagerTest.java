package io.weft.topology.host;

import static io.weft.topology.TestFabric.cp;
import static io.weft.topology.TestFabric.deviceEvent;
import static io.weft.topology.TestFabric.port;
import static io.weft.topology.TestFabric.portEvent;
import static io.weft.topology.TestFabric.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.topology.TestFabric;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.link.ConnectPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

class HostManagerTest {
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration HOLD_DOWN = Duration.ofSeconds(2);
    private static final HostKey H1 = HostKey.untagged(MacAddress.valueOf("00:00:00:00:00:01"));
    private static final HostKey H2 = HostKey.untagged(MacAddress.valueOf("00:00:00:00:00:02"));
    private static final HostKey H3 = HostKey.untagged(MacAddress.valueOf("00:00:00:00:00:03"));
    private static final ConnectPoint AT_1_1 = cp(1, 1);
    private static final ConnectPoint AT_2_1 = cp(2, 1);
    private static final ConnectPoint AT_3_1 = cp(3, 1);

    private final TestFabric fabric = new TestFabric();
    private final List<HostEvent> events = fabric.record(HostEvent.class);
    private HostManager hosts = manager(100, 8);

    private HostManager manager(int maxHosts, int maxIps) {
        return new HostManager(fabric.dispatcher(), fabric.clock(), new HostConfig(IDLE, HOLD_DOWN, maxHosts, maxIps),
                fabric.counters());
    }

    private static Optional<IpAddress> ip(String text) {
        return Optional.of(IpAddress.valueOf(text));
    }

    private static IpAddress addr(String text) {
        return IpAddress.valueOf(text);
    }

    private Host host(HostKey key) {
        return hosts.host(key).orElseThrow();
    }

    @Test
    void aNewHostIsAddedWithItsAddressAndLocation() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));

        Host h1 = host(H1);
        assertThat(h1.location()).isEqualTo(AT_1_1);
        assertThat(h1.ips()).containsExactly(addr("10.0.0.1"));
        assertThat(h1.lastSeen()).isEqualTo(fabric.clock().instant());
        assertThat(events).containsExactly(new HostEvent(HostEvent.Type.HOST_ADDED, h1, Optional.empty()));
        assertThat(hosts.hosts()).containsExactly(h1);
        assertThat(hosts.hostsByMac(H1.mac())).containsExactly(h1);
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).containsExactly(h1);
        assertThat(hosts.hostsAt(AT_1_1)).containsExactly(h1);
        assertThat(hosts.host(H2)).isEmpty();
    }

    @Test
    void listenersAddedThroughTheServiceSeeHostEvents() {
        List<HostEvent> seen = new ArrayList<>();
        hosts.addListener(seen::add);
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        assertThat(seen).extracting(HostEvent::type).containsExactly(HostEvent.Type.HOST_ADDED);
    }

    @Test
    void seeingAHostAgainWhereItIsRefreshesItQuietly() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        fabric.clock().advance(Duration.ofSeconds(5));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());

        assertThat(events).hasSize(1);
        assertThat(host(H1).lastSeen()).isEqualTo(fabric.clock().instant());
        assertThat(host(H1).ips()).containsExactly(addr("10.0.0.1"));
    }

    @Test
    void aHostSeenAgainWithinTheResolutionKeepsItsRecordAndLaterOnlyItsTimeMoves() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        Host first = host(H1);

        fabric.clock().advance(HostManager.LAST_SEEN_RESOLUTION.minusMillis(1));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        assertThat(host(H1)).isSameAs(first);

        fabric.clock().advance(Duration.ofMillis(1));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        assertThat(host(H1).lastSeen()).isEqualTo(fabric.clock().instant());
        assertThat(host(H1)).usingRecursiveComparison().ignoringFields("lastSeen").isEqualTo(first);
        assertThat(events).hasSize(1);
        assertThat(hosts.hostsAt(AT_1_1)).containsExactly(host(H1));
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).containsExactly(host(H1));
    }

    @Test
    void anOlderAddressSeenAgainBecomesTheNewestSoTheOldestIsForgottenFirst() {
        hosts = manager(100, 2);
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.2"));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));

        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.3"));

        assertThat(host(H1).ips()).containsExactlyInAnyOrder(addr("10.0.0.1"), addr("10.0.0.3"));
    }

    @Test
    void aNewAddressIsAnUpdateThatCarriesTheHostBefore() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        Host before = host(H1);
        hosts.hostSeen(H1, AT_1_1, ip("fe80::1"));

        Host after = host(H1);
        assertThat(after.ips()).containsExactlyInAnyOrder(addr("10.0.0.1"), addr("fe80::1"));
        assertThat(events).last().isEqualTo(new HostEvent(HostEvent.Type.HOST_UPDATED, after, Optional.of(before)));
        assertThat(hosts.hostsByIp(addr("fe80::1"))).containsExactly(after);
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).containsExactly(after);
    }

    @Test
    void aHostSeenElsewhereMovesAndTheEventCarriesWhereItWas() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        Host before = host(H1);
        fabric.clock().advance(Duration.ofSeconds(1));
        hosts.hostSeen(H1, AT_2_1, Optional.empty());

        Host after = host(H1);
        assertThat(after.location()).isEqualTo(AT_2_1);
        assertThat(after.ips()).containsExactly(addr("10.0.0.1"));
        assertThat(events).last().isEqualTo(new HostEvent(HostEvent.Type.HOST_MOVED, after, Optional.of(before)));
        assertThat(hosts.hostsAt(AT_1_1)).isEmpty();
        assertThat(hosts.hostsAt(AT_2_1)).containsExactly(after);
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).containsExactly(after);
        assertThat(hosts.hostsByMac(H1.mac())).containsExactly(after);
    }

    @Test
    void aMoveWithinTheHoldDownIsSuppressedAndCountedAndAllowedAfterIt() {
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.hostSeen(H1, AT_2_1, Optional.empty());
        assertThat(host(H1).location()).as("the first move is followed at once").isEqualTo(AT_2_1);
        Instant moved = fabric.clock().instant();

        fabric.clock().advance(HOLD_DOWN.minusMillis(1));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.hostSeen(H1, AT_3_1, Optional.empty());

        assertThat(host(H1).location()).isEqualTo(AT_2_1);
        assertThat(host(H1).lastSeen()).isEqualTo(moved);
        assertThat(fabric.counters().get("hosts.move_suppressed")).isEqualTo(2);
        assertThat(hosts.hostsAt(AT_1_1)).isEmpty();
        assertThat(hosts.hostsAt(AT_3_1)).isEmpty();
        assertThat(events).extracting(HostEvent::type).containsExactly(HostEvent.Type.HOST_ADDED,
                HostEvent.Type.HOST_MOVED);

        fabric.clock().advance(Duration.ofMillis(1));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());

        assertThat(host(H1).location()).isEqualTo(AT_1_1);
        assertThat(events).last().extracting(HostEvent::type).isEqualTo(HostEvent.Type.HOST_MOVED);
        assertThat(events).last().extracting(e -> e.previous().orElseThrow().location()).isEqualTo(AT_2_1);
        assertThat(fabric.counters().get("hosts.move_suppressed")).isEqualTo(2);

        // The hold-down starts again from the move just made.
        fabric.clock().advance(Duration.ofSeconds(1));
        hosts.hostSeen(H1, AT_2_1, Optional.empty());
        assertThat(host(H1).location()).isEqualTo(AT_1_1);
        assertThat(fabric.counters().get("hosts.move_suppressed")).isEqualTo(3);
    }

    @Test
    void seeingAHostWhereItIsDuringTheHoldDownIsNotAMove() {
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.hostSeen(H1, AT_2_1, Optional.empty());
        hosts.hostSeen(H1, AT_2_1, ip("10.0.0.1"));

        assertThat(fabric.counters().get("hosts.move_suppressed")).isZero();
        assertThat(host(H1).ips()).containsExactly(addr("10.0.0.1"));
        assertThat(events).last().extracting(HostEvent::type).isEqualTo(HostEvent.Type.HOST_UPDATED);
    }

    @Test
    void hostsIdleForLongerThanTheIdleTimeoutExpire() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        hosts.hostSeen(H2, AT_2_1, ip("10.0.0.2"));
        fabric.clock().advance(Duration.ofSeconds(30));
        hosts.hostSeen(H2, AT_2_1, Optional.empty());

        fabric.clock().advance(Duration.ofSeconds(30));
        hosts.expire();
        assertThat(hosts.hosts()).as("exactly the idle timeout is not longer than it").hasSize(2);

        fabric.clock().advance(Duration.ofMillis(1));
        Host h1 = host(H1);
        hosts.expire();

        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H2);
        assertThat(events).last().isEqualTo(new HostEvent(HostEvent.Type.HOST_REMOVED, h1, Optional.empty()));
        assertIndexesHold(H1, AT_1_1, "10.0.0.1");

        fabric.clock().advance(Duration.ofSeconds(30));
        hosts.expire();
        assertThat(hosts.hosts()).isEmpty();
        assertThat(hosts.hostsAt(AT_2_1)).isEmpty();
        assertThat(hosts.hostsByIp(addr("10.0.0.2"))).isEmpty();
    }

    @Test
    void aHostSeenAgainExpiresAfterOnesSeenLaterThanItFirstWas() {
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        fabric.clock().advance(Duration.ofSeconds(1));
        hosts.hostSeen(H2, AT_2_1, Optional.empty());
        fabric.clock().advance(Duration.ofSeconds(1));
        hosts.hostSeen(H3, AT_3_1, Optional.empty());
        fabric.clock().advance(Duration.ofSeconds(28));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.hostSeen(H3, AT_3_1, ip("10.0.0.3"));

        // H2, seen at 1 s, has been idle for longer than the 60 s idle timeout; H1 and H3 were seen at 30 s.
        fabric.clock().advance(Duration.ofSeconds(32));
        hosts.expire();

        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H1, H3);
        assertThat(events).last().extracting(HostEvent::type, e -> e.host().key())
                .containsExactly(HostEvent.Type.HOST_REMOVED, H2);
    }

    @Test
    void aPortGoingDownOrAwayForgetsTheHostsThereAndNoOthers() {
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        hosts.hostSeen(H2, AT_1_1, ip("10.0.0.2"));
        hosts.hostSeen(H3, cp(1, 2), ip("10.0.0.3"));
        events.clear();

        hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(1, true)));
        hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, false)));
        assertThat(hosts.hosts()).hasSize(3);

        hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(1, false)));
        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H3);
        assertThat(events).extracting(e -> e.type() + " " + e.host().key()).containsExactlyInAnyOrder(
                "HOST_REMOVED " + H1, "HOST_REMOVED " + H2);
        assertThat(hosts.hostsAt(AT_1_1)).isEmpty();
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).isEmpty();

        hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_REMOVED, 1, port(2, true)));
        assertThat(hosts.hosts()).isEmpty();
        assertThat(hosts.hostsByMac(H3.mac())).isEmpty();
    }

    @Test
    void deviceEventsWithoutAPortForgetNoHosts() {
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, 1, ports(1)));
        hosts.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, 1, ports(1)));
        assertThat(hosts.hosts()).hasSize(1);
    }

    @Test
    void aFullTableRefusesNewHostsAndCountsThemButKeepsUpdatingKnownOnes() {
        hosts = manager(2, 8);
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.hostSeen(H2, AT_2_1, Optional.empty());
        hosts.hostSeen(H3, AT_3_1, ip("10.0.0.3"));
        hosts.hostSeen(H3, AT_3_1, Optional.empty());

        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H1, H2);
        assertThat(hosts.hostsByIp(addr("10.0.0.3"))).isEmpty();
        assertThat(fabric.counters().get("hosts.dropped.table_full")).isEqualTo(2);
        assertThat(events).hasSize(2);

        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        assertThat(host(H1).ips()).containsExactly(addr("10.0.0.1"));

        fabric.clock().advance(IDLE.plusSeconds(1));
        hosts.hostSeen(H1, AT_1_1, Optional.empty());
        hosts.expire();
        hosts.hostSeen(H3, AT_3_1, Optional.empty());
        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H1, H3);
        assertThat(fabric.counters().get("hosts.dropped.table_full")).isEqualTo(2);
    }

    @Test
    void pastMaxIpsPerHostTheOldestAddressIsForgotten() {
        hosts = manager(100, 2);
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.2"));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.3"));

        assertThat(host(H1).ips()).containsExactly(addr("10.0.0.2"), addr("10.0.0.3"));
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).isEmpty();
        assertThat(hosts.hostsByIp(addr("10.0.0.3"))).extracting(Host::key).containsExactly(H1);
        assertThat(events).extracting(HostEvent::type).containsExactly(HostEvent.Type.HOST_ADDED,
                HostEvent.Type.HOST_UPDATED, HostEvent.Type.HOST_UPDATED);
    }

    @Test
    void anAddressStillInUseIsNotTheOneForgotten() {
        hosts = manager(100, 2);
        hosts.hostSeen(H1, AT_1_1, ip("fe80::1"));
        hosts.hostSeen(H1, AT_1_1, ip("2001:db8::a"));
        hosts.hostSeen(H1, AT_1_1, ip("fe80::1"));
        hosts.hostSeen(H1, AT_1_1, ip("2001:db8::b"));

        assertThat(host(H1).ips()).containsExactlyInAnyOrder(addr("fe80::1"), addr("2001:db8::b"));
        assertThat(hosts.hostsByIp(addr("2001:db8::a"))).isEmpty();
        assertThat(events).extracting(HostEvent::type).containsExactly(HostEvent.Type.HOST_ADDED,
                HostEvent.Type.HOST_UPDATED, HostEvent.Type.HOST_UPDATED);
    }

    @Test
    void oneMacOnTwoVlansIsTwoHostsAndTheIndexesKeepThemApart() {
        HostKey tagged = new HostKey(H1.mac(), VlanId.vlanId((short) 10));
        hosts.hostSeen(tagged, AT_2_1, ip("10.0.0.1"));
        hosts.hostSeen(H1, AT_1_1, ip("10.0.0.1"));

        assertThat(hosts.hostsByMac(H1.mac())).extracting(Host::key).containsExactly(H1, tagged);
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).extracting(Host::key).containsExactly(H1, tagged);
        assertThat(hosts.hosts()).extracting(Host::key).containsExactly(H1, tagged);

        hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, false)));
        assertThat(hosts.hostsByMac(H1.mac())).extracting(Host::key).containsExactly(H1);
        assertThat(hosts.hostsByIp(addr("10.0.0.1"))).extracting(Host::key).containsExactly(H1);
        assertThat(hosts.hostsAt(AT_2_1)).isEmpty();
    }

    @Test
    void hostsAreSortedByMacThenVlan() {
        hosts.hostSeen(H3, AT_1_1, Optional.empty());
        hosts.hostSeen(new HostKey(H1.mac(), VlanId.vlanId((short) 20)), AT_1_1, Optional.empty());
        hosts.hostSeen(H2, AT_1_1, Optional.empty());
        hosts.hostSeen(new HostKey(H1.mac(), VlanId.vlanId((short) 5)), AT_1_1, Optional.empty());

        assertThat(hosts.hostsAt(AT_1_1)).extracting(h -> h.key().toString()).containsExactly(
                "00:00:00:00:00:01/5", "00:00:00:00:00:01/20", "00:00:00:00:00:02", "00:00:00:00:00:03");
    }

    /** Packet workers learn and refresh hosts while the event thread and the expiry timer forget them. */
    @Test
    void concurrentLearningMovesAndRemovalsKeepTheIndexesConsistent() throws Exception {
        hosts = new HostManager(fabric.dispatcher(), fabric.clock(),
                new HostConfig(IDLE, Duration.ZERO, 100, 3), fabric.counters());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 3; worker++) {
                int w = worker;
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        HostKey key = HostKey.untagged(MacAddress.valueOf(1 + (i + w) % 4));
                        hosts.hostSeen(key, cp(1 + (i * 3 + w) % 3, 1), ip("10.0.0." + (i % 5)));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    hosts.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1 + i % 3, port(1, false)));
                    // Time moves (only this thread moves it), so sightings refresh hosts while others expire.
                    fabric.clock().advance(Duration.ofMillis(700));
                    hosts.expire();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (Host host : hosts.hosts()) {
            assertThat(hosts.hostsAt(host.location())).contains(host);
            assertThat(hosts.hostsByMac(host.key().mac())).containsExactly(host);
            assertThat(host.ips()).hasSizeLessThanOrEqualTo(3);
            host.ips().forEach(ip -> assertThat(hosts.hostsByIp(ip)).contains(host));
        }
        for (int i = 0; i < 5; i++) {
            for (Host host : hosts.hostsByIp(addr("10.0.0." + i))) {
                assertThat(host.ips()).contains(addr("10.0.0." + i));
            }
        }
        long added = events.stream().filter(e -> e.type() == HostEvent.Type.HOST_ADDED).count();
        long removed = events.stream().filter(e -> e.type() == HostEvent.Type.HOST_REMOVED).count();
        assertThat(added - removed).isEqualTo(hosts.hosts().size());
    }

    /** After {@code key} is gone, no index still leads to it. */
    private void assertIndexesHold(HostKey key, ConnectPoint at, String ip) {
        assertThat(hosts.host(key)).isEmpty();
        assertThat(hosts.hostsAt(at)).extracting(Host::key).doesNotContain(key);
        assertThat(hosts.hostsByMac(key.mac())).extracting(Host::key).doesNotContain(key);
        assertThat(hosts.hostsByIp(addr(ip))).extracting(Host::key).doesNotContain(key);
    }
}

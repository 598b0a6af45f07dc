package io.weft.topology.link;

import static io.weft.topology.TestFabric.cp;
import static io.weft.topology.TestFabric.deviceEvent;
import static io.weft.topology.TestFabric.link;
import static io.weft.topology.TestFabric.port;
import static io.weft.topology.TestFabric.portEvent;
import static io.weft.topology.TestFabric.ports;
import static io.weft.topology.TestFabric.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.topology.TestFabric;
import io.weft.topology.device.DeviceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinkManagerTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final TestFabric fabric = new TestFabric();
    private final LinkManager links = new LinkManager(fabric.dispatcher(), fabric.clock(), MAX_AGE, fabric.counters());
    private final List<LinkEvent> events = fabric.record(LinkEvent.class);

    private void seeAll(Set<Link> seen) {
        seen.forEach(links::linkSeen);
    }

    private List<Link> removed() {
        return events.stream().filter(e -> e.type() == LinkEvent.Type.LINK_REMOVED).map(LinkEvent::link).toList();
    }

    @Test
    void aLinkIsAddedOnceAndRefreshingItPostsNothing() {
        Link link = link(1, 2);
        links.linkSeen(link);
        fabric.clock().advance(Duration.ofSeconds(1));
        links.linkSeen(link);
        links.linkSeen(link);

        assertThat(links.links()).containsExactly(link);
        assertThat(events).containsExactly(new LinkEvent(LinkEvent.Type.LINK_ADDED, link));
    }

    @Test
    void aPortWhereAProbeWasRefusedIsInfrastructureForMaxAge() {
        ConnectPoint port = cp(2, 3);
        assertThat(links.isInfrastructure(port)).isFalse();

        links.probeRefusedAt(port);
        fabric.clock().advance(MAX_AGE);
        assertThat(links.isInfrastructure(port)).as("exactly max age later").isTrue();
        links.probeRefusedAt(port);
        fabric.clock().advance(MAX_AGE);
        assertThat(links.isInfrastructure(port)).as("a later probe starts the age again").isTrue();

        fabric.clock().advance(Duration.ofMillis(1));
        assertThat(links.isInfrastructure(port)).isFalse();
        assertThat(links.links()).as("no link for it").isEmpty();
        assertThat(fabric.counters().get("links.probed_ports")).as("one port marked, twice").isEqualTo(1);
    }

    @Test
    void listenersAddedThroughTheServiceSeeLinkEvents() {
        List<LinkEvent> seen = new ArrayList<>();
        links.addListener(seen::add);
        links.linkSeen(link(1, 2));
        assertThat(seen).extracting(LinkEvent::type).containsExactly(LinkEvent.Type.LINK_ADDED);
    }

    @Test
    void linksOlderThanMaxAgeExpireAndRefreshedOnesStay() {
        Link stale = link(1, 2);
        Link fresh = link(2, 1);
        links.linkSeen(stale);
        links.linkSeen(fresh);

        fabric.clock().advance(Duration.ofSeconds(6));
        links.linkSeen(fresh);
        fabric.clock().advance(Duration.ofSeconds(4));
        links.expire();
        assertThat(links.links()).as("exactly max age old is not older than max age").hasSize(2);

        fabric.clock().advance(Duration.ofMillis(1));
        links.expire();
        assertThat(links.links()).containsExactly(fresh);
        assertThat(removed()).containsExactly(stale);

        // One direction gone: both ports still carry the other.
        assertThat(links.isInfrastructure(cp(1, 2))).isTrue();
        assertThat(links.isInfrastructure(cp(2, 1))).isTrue();

        fabric.clock().advance(MAX_AGE);
        links.expire();
        links.expire();
        assertThat(links.links()).isEmpty();
        assertThat(removed()).containsExactly(stale, fresh);
        assertThat(links.isInfrastructure(cp(1, 2))).isFalse();
        assertThat(links.isInfrastructure(cp(2, 1))).isFalse();
    }

    @Test
    void anExpiredLinkSeenAgainIsAddedAgain() {
        links.linkSeen(link(1, 2));
        fabric.clock().advance(MAX_AGE.plusSeconds(1));
        links.expire();
        links.linkSeen(link(1, 2));

        assertThat(links.links()).containsExactly(link(1, 2));
        assertThat(events).extracting(LinkEvent::type).containsExactly(LinkEvent.Type.LINK_ADDED,
                LinkEvent.Type.LINK_REMOVED, LinkEvent.Type.LINK_ADDED);
    }

    @Test
    void bothEndsOfALinkAreInfrastructureAndOtherPortsAreNot() {
        links.linkSeen(link(1, 2));
        assertThat(links.isInfrastructure(cp(1, 2))).isTrue();
        assertThat(links.isInfrastructure(cp(2, 1))).isTrue();
        assertThat(links.isInfrastructure(cp(1, 1))).isFalse();
        assertThat(links.isInfrastructure(cp(2, 2))).isFalse();
        assertThat(links.isInfrastructure(cp(3, 2))).isFalse();
    }

    @Test
    void aPortGoingDownRemovesExactlyTheLinksAtThatPortInBothDirections() {
        seeAll(wire(1, 2));
        seeAll(wire(2, 3));
        seeAll(wire(1, 3));
        events.clear();

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, false)));

        assertThat(removed()).containsExactlyInAnyOrder(link(1, 2), link(2, 1));
        assertThat(links.links()).containsExactlyInAnyOrderElementsOf(union(wire(2, 3), wire(1, 3)));
        assertThat(links.isInfrastructure(cp(2, 1))).isFalse();
        assertThat(links.isInfrastructure(cp(1, 2))).isFalse();
        assertThat(links.isInfrastructure(cp(1, 3))).isTrue();
        assertThat(links.isInfrastructure(cp(2, 3))).isTrue();
    }

    @Test
    void aPortGoingDownRemovesALinkThatOnlyArrivesThere() {
        links.linkSeen(link(1, 2));
        links.linkSeen(link(3, 4));

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, false)));

        assertThat(removed()).containsExactly(link(1, 2));
        assertThat(links.links()).containsExactly(link(3, 4));
    }

    @Test
    void aPortRemovedTakesItsLinksWithIt() {
        seeAll(wire(1, 2));
        seeAll(wire(1, 3));
        events.clear();

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_REMOVED, 1, port(3, true)));

        assertThat(removed()).containsExactlyInAnyOrder(link(1, 3), link(3, 1));
        assertThat(links.links()).containsExactlyInAnyOrderElementsOf(wire(1, 2));
    }

    @Test
    void aDisconnectedDeviceTakesEveryLinkTouchingItAndNoOther() {
        seeAll(wire(1, 2));
        seeAll(wire(2, 3));
        seeAll(wire(1, 3));
        events.clear();

        links.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, 2, ports(1, 3)));

        assertThat(removed()).containsExactlyInAnyOrderElementsOf(union(wire(1, 2), wire(2, 3)));
        assertThat(links.links()).containsExactlyInAnyOrderElementsOf(wire(1, 3));
        assertThat(links.isInfrastructure(cp(2, 1))).isFalse();
        assertThat(links.isInfrastructure(cp(2, 3))).isFalse();
    }

    @Test
    void eventsThatBreakNothingRemoveNothing() {
        seeAll(wire(1, 2));
        events.clear();

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(2, true)));
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_ADDED, 1, port(7, true)));
        links.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, 3, ports(1)));
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(3, false)));
        links.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, 3, ports(1)));

        assertThat(events).isEmpty();
        assertThat(links.links()).hasSize(2);
    }

    @Test
    void aProbeStillInFlightWhenItsPortWentDownMakesNoLinkUntilThePortIsUp() {
        seeAll(wire(1, 2));
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, false)));
        events.clear();

        links.linkSeen(link(1, 2));
        links.linkSeen(link(2, 1));
        links.linkSeen(link(1, 3));

        assertThat(links.links()).containsExactly(link(1, 3));
        assertThat(fabric.counters().get("links.dropped.port_down")).isEqualTo(2);

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 2, port(1, true)));
        seeAll(wire(1, 2));
        assertThat(links.links()).containsExactly(link(1, 2), link(1, 3), link(2, 1));
        assertThat(fabric.counters().get("links.dropped.port_down")).isEqualTo(2);
    }

    @Test
    void aRemovedPortMakesNoLinkUntilItIsAddedAgain() {
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_REMOVED, 1, port(2, true)));
        links.linkSeen(link(1, 2));
        assertThat(links.links()).isEmpty();

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_ADDED, 1, port(2, true)));
        links.linkSeen(link(1, 2));
        assertThat(links.links()).containsExactly(link(1, 2));
        assertThat(fabric.counters().get("links.dropped.port_down")).isEqualTo(1);
    }

    @Test
    void aDisconnectedDeviceMakesNoLinkUntilItReconnectsAndThenNotOnItsDownPorts() {
        links.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, 2, ports(1, 3)));
        links.linkSeen(link(1, 2));
        links.linkSeen(link(3, 2));
        assertThat(links.links()).isEmpty();

        links.onDeviceEvent(deviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, 2,
                List.of(port(1, true), port(3, false))));
        links.linkSeen(link(1, 2));
        links.linkSeen(link(3, 2));
        assertThat(links.links()).containsExactly(link(1, 2));
        assertThat(fabric.counters().get("links.dropped.port_down")).isEqualTo(3);
    }

    @Test
    void linksAreSortedBySourceThenDestination() {
        links.linkSeen(link(2, 1, 1, 1));
        links.linkSeen(link(1, 2, 3, 1));
        links.linkSeen(link(1, 2, 2, 2));
        links.linkSeen(link(1, 1, 2, 1));

        assertThat(links.links()).containsExactly(link(1, 1, 2, 1), link(1, 2, 2, 2), link(1, 2, 3, 1),
                link(2, 1, 1, 1));
    }

    @Test
    void portNumbersSortAsNumbersNotAsText() {
        links.linkSeen(link(1, 10, 3, 1));
        links.linkSeen(link(1, 2, 2, 10));
        links.linkSeen(link(1, 2, 2, 9));

        assertThat(links.links()).containsExactly(link(1, 2, 2, 9), link(1, 2, 2, 10), link(1, 10, 3, 1));
    }

    /**
     * Packet workers report probes while the event thread takes links away; whatever the
     * interleaving, the ends index must agree with the links and every link added must be
     * announced once and removed at most once.
     */
    @Test
    void concurrentProbesAndRemovalsKeepTheEndsIndexTrue() throws Exception {
        // All threads fight over one cable, so that a probe and a removal meet as often as possible.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 3; worker++) {
                Link seen = worker % 2 == 0 ? link(1, 2) : link(2, 1);
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50_000; i++) {
                        links.linkSeen(seen);
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    long device = 1 + i % 2;
                    long number = 1 + (i + 1) % 2;
                    links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, device, port(number, false)));
                    links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, device, port(number, true)));
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

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(2, false)));
        assertThat(links.links()).isEmpty();
        assertThat(links.isInfrastructure(cp(1, 2))).isFalse();
        assertThat(links.isInfrastructure(cp(2, 1))).isFalse();
        long added = events.stream().filter(e -> e.type() == LinkEvent.Type.LINK_ADDED).count();
        assertThat(removed()).hasSize((int) added);
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(2, true)));
        links.linkSeen(link(1, 2));
        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_REMOVED, 2, port(1, true)));
        assertThat(links.isInfrastructure(cp(1, 2))).as("the count went back to zero").isFalse();
    }

    private static Set<Link> union(Set<Link> a, Set<Link> b) {
        Set<Link> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void theSortedLinksAreReusedUntilTheSetOfLinksChanges() {
        links.linkSeen(link(1, 2));
        List<Link> first = links.links();
        links.linkSeen(link(1, 2));
        assertThat(links.links()).as("seen again: the set did not change").isSameAs(first);

        links.linkSeen(link(2, 1));
        assertThat(links.links()).isNotSameAs(first).containsExactly(link(1, 2), link(2, 1));

        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, 1, port(2, false)));
        assertThat(links.links()).isEmpty();
    }

    @Test
    void readersRacingWritersNeverLeaveAStaleListBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int reader = 0; reader < 2; reader++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        links.links();
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (long i = 1; i <= 2_000; i++) {
                    links.linkSeen(link(i, i + 1));
                    if (i % 3 == 0) {
                        links.onDeviceEvent(portEvent(DeviceEvent.Type.PORT_UPDATED, i, port(i + 1, false)));
                    }
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
        Set<Link> expected = new HashSet<>();
        for (long i = 1; i <= 2_000; i++) {
            if (i % 3 != 0) {
                expected.add(link(i, i + 1));
            }
        }
        // One link per source device here, so sorted by source is the order links() promises.
        assertThat(links.links()).containsExactlyElementsOf(expected.stream()
                .sorted(Comparator.comparing((Link l) -> l.src().device().toString())).toList());
    }
}

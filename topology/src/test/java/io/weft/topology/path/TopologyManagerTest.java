package io.weft.topology.path;

import static io.weft.topology.TestFabric.OVS;
import static io.weft.topology.TestFabric.cp;
import static io.weft.topology.TestFabric.dev;
import static io.weft.topology.TestFabric.link;
import static io.weft.topology.TestFabric.port;
import static io.weft.topology.TestFabric.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.topology.TestFabric;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.link.LinkManager;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.onosproject.net.PortNumber;

class TopologyManagerTest {
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final TestFabric fabric = new TestFabric();
    private final DeviceManager devices = new DeviceManager(fabric.dispatcher());
    private final LinkManager links = new LinkManager(fabric.dispatcher(), fabric.clock(), MAX_AGE, fabric.counters());
    private final TopologyManager topology = new TopologyManager(devices, links, fabric.dispatcher(), fabric.clock(),
            SETTLE, LinkWeigher.HOP_COUNT);
    private final List<TopologyEvent> snapshots = new ArrayList<>();

    TopologyManagerTest() {
        // Wired as the controller wires them: links and topology follow devices, topology follows links.
        devices.addListener(links::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
        topology.addListener(snapshots::add);
    }

    private TopologyEvent lastSnapshot() {
        assertThat(snapshots).isNotEmpty();
        return snapshots.get(snapshots.size() - 1);
    }

    private void settle() {
        fabric.clock().advance(SETTLE);
    }

    @Test
    void startsEmpty() {
        assertThat(topology.topology().devices()).isEmpty();
        assertThat(topology.topology().version()).isZero();
        assertThat(topology.edgePorts(dev(1))).isEmpty();
    }

    @Test
    void everyDeviceAndLinkChangeMakesANewSnapshotWithItsReason() {
        devices.deviceConnected(dev(1), OVS, ports(1, 2));
        assertThat(lastSnapshot().topology().devices()).containsExactly(dev(1));
        assertThat(lastSnapshot().reasons()).singleElement().isInstanceOfSatisfying(DeviceEvent.class,
                e -> assertThat(e.type()).isEqualTo(DeviceEvent.Type.DEVICE_CONNECTED));

        devices.deviceConnected(dev(2), OVS, ports(1, 2));
        links.linkSeen(link(1, 2));
        assertThat(lastSnapshot().reasons()).singleElement()
                .isEqualTo(new LinkEvent(LinkEvent.Type.LINK_ADDED, link(1, 2)));
        links.linkSeen(link(2, 1));

        assertThat(snapshots).hasSize(4);
        assertThat(topology.topology()).isSameAs(lastSnapshot().topology());
        assertThat(topology.topology().links()).containsExactlyInAnyOrder(link(1, 2), link(2, 1));
        assertThat(topology.path(dev(1), dev(2)).orElseThrow().links()).containsExactly(link(1, 2));
        assertThat(snapshots).extracting(e -> e.topology().version()).isSorted().doesNotHaveDuplicates();
        assertThat(snapshots).extracting(TopologyEvent::subject).containsOnly(TopologyEvent.SUBJECT);

        // Port down: LinkManager drops both directions, each drop is a snapshot.
        devices.portUpdated(dev(2), port(1, false));
        assertThat(snapshots).hasSize(6);
        assertThat(topology.topology().links()).isEmpty();
        assertThat(topology.path(dev(1), dev(2))).isEmpty();
        assertThat(snapshots.subList(4, 6)).flatExtracting(TopologyEvent::reasons)
                .allMatch(e -> e instanceof LinkEvent l && l.type() == LinkEvent.Type.LINK_REMOVED);

        devices.deviceDisconnected(dev(2));
        assertThat(topology.topology().devices()).containsExactly(dev(1));
        assertThat(lastSnapshot().reasons()).singleElement().isInstanceOfSatisfying(DeviceEvent.class,
                e -> assertThat(e.type()).isEqualTo(DeviceEvent.Type.DEVICE_DISCONNECTED));
    }

    @Test
    void aLinkToADeviceNotConnectedJoinsTheSnapshotWhenTheDeviceDoes() {
        devices.deviceConnected(dev(1), OVS, ports(2));
        links.linkSeen(link(1, 2));
        assertThat(topology.topology().links()).isEmpty();

        devices.deviceConnected(dev(2), OVS, ports(1));
        assertThat(topology.topology().links()).containsExactly(link(1, 2));
    }

    @Test
    void aDeviceDisconnectingTakesItsLinksOutOfTheSnapshot() {
        devices.deviceConnected(dev(1), OVS, ports(2, 3));
        devices.deviceConnected(dev(2), OVS, ports(1));
        devices.deviceConnected(dev(3), OVS, ports(1));
        List.of(link(1, 2), link(2, 1), link(1, 3), link(3, 1)).forEach(links::linkSeen);

        devices.deviceDisconnected(dev(2));

        assertThat(topology.topology().devices()).containsExactly(dev(1), dev(3));
        assertThat(topology.topology().links()).containsExactlyInAnyOrder(link(1, 3), link(3, 1));
        assertThat(links.links()).containsExactly(link(1, 3), link(3, 1));
    }

    @Test
    void aPortIsAnEdgePortOnlyOnceItHasBeenUpForTheSettleTime() {
        devices.deviceConnected(dev(1), OVS, List.of(port(1, true), port(2, true), port(3, false)));

        assertThat(topology.isEdge(cp(1, 1))).isFalse();
        fabric.clock().advance(SETTLE.minusMillis(1));
        assertThat(topology.isEdge(cp(1, 1))).isFalse();
        assertThat(topology.edgePorts(dev(1))).isEmpty();

        fabric.clock().advance(Duration.ofMillis(1));
        assertThat(topology.isEdge(cp(1, 1))).isTrue();
        assertThat(topology.isEdge(cp(1, 3))).as("down").isFalse();
        assertThat(topology.isEdge(cp(1, 4))).as("no such port").isFalse();
        assertThat(topology.isEdge(cp(9, 1))).as("no such device").isFalse();
        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1), cp(1, 2));
        assertThat(topology.edgePorts(dev(9))).isEmpty();
    }

    @Test
    void aPortThatComesUpLaterSettlesFromThen() {
        devices.deviceConnected(dev(1), OVS, List.of(port(1, true), port(3, false)));
        settle();
        devices.portUpdated(dev(1), port(3, true));
        devices.portUpdated(dev(1), port(4, true));

        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1));
        fabric.clock().advance(Duration.ofSeconds(1));
        // Still up, a speed change say: the clock does not restart.
        devices.portUpdated(dev(1), port(3, true));
        fabric.clock().advance(SETTLE.minusSeconds(1));
        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1), cp(1, 3), cp(1, 4));
    }

    @Test
    void aPortThatWentDownSettlesAgainWhenItComesBack() {
        devices.deviceConnected(dev(1), OVS, ports(1, 2));
        settle();
        devices.portUpdated(dev(1), port(1, false));
        assertThat(topology.isEdge(cp(1, 1))).isFalse();

        devices.portUpdated(dev(1), port(1, true));
        assertThat(topology.isEdge(cp(1, 1))).isFalse();
        settle();
        assertThat(topology.isEdge(cp(1, 1))).isTrue();

        devices.portRemoved(dev(1), PortNumber.portNumber(2));
        assertThat(topology.isEdge(cp(1, 2))).isFalse();
        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1));
    }

    @Test
    void aPortThatCarriesALinkIsNotAnEdgePortUntilTheLinkIsGone() {
        devices.deviceConnected(dev(1), OVS, ports(1, 2));
        devices.deviceConnected(dev(2), OVS, ports(1, 2));
        links.linkSeen(link(1, 2));
        settle();

        assertThat(topology.isEdge(cp(1, 2))).as("the link leaves here").isFalse();
        assertThat(topology.isEdge(cp(2, 1))).as("the link arrives here").isFalse();
        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1));
        assertThat(topology.edgePorts(dev(2))).containsExactly(cp(2, 2));

        fabric.clock().advance(MAX_AGE.plusSeconds(1));
        links.expire();
        assertThat(topology.isEdge(cp(1, 2))).isTrue();
        assertThat(topology.isEdge(cp(2, 1))).isTrue();
    }

    @Test
    void theEdgePortsOfADisconnectedDeviceAreNotEdgePortsAndSettleAgainOnReconnect() {
        devices.deviceConnected(dev(1), OVS, ports(1, 2));
        settle();
        assertThat(topology.edgePorts(dev(1))).hasSize(2);

        devices.deviceDisconnected(dev(1));
        assertThat(topology.isEdge(cp(1, 1))).isFalse();
        assertThat(topology.edgePorts(dev(1))).isEmpty();
        settle();
        assertThat(topology.edgePorts(dev(1))).isEmpty();

        devices.deviceConnected(dev(1), OVS, ports(1, 2));
        assertThat(topology.edgePorts(dev(1))).isEmpty();
        settle();
        assertThat(topology.edgePorts(dev(1))).containsExactly(cp(1, 1), cp(1, 2));
    }

    @Test
    void eventsThatArriveWhileASnapshotIsQueuedShareIt() {
        QueuedPool pool = new QueuedPool();
        Counters counters = new Counters();
        EventDispatcher queued = new EventDispatcher(new KeyedSerialExecutor("events", pool, 1_000, counters), counters);
        DeviceManager queuedDevices = new DeviceManager(queued);
        LinkManager queuedLinks = new LinkManager(queued, fabric.clock(), MAX_AGE, counters);
        TopologyManager batched = new TopologyManager(queuedDevices, queuedLinks, queued, fabric.clock(), SETTLE,
                LinkWeigher.HOP_COUNT);
        queuedDevices.addListener(queuedLinks::onDeviceEvent);
        queuedDevices.addListener(batched::onDeviceEvent);
        queuedLinks.addListener(batched::onLinkEvent);
        List<TopologyEvent> seen = new ArrayList<>();
        batched.addListener(seen::add);

        queuedDevices.deviceConnected(dev(1), OVS, ports(1, 2));
        queuedDevices.deviceConnected(dev(2), OVS, ports(1, 2));
        queuedLinks.linkSeen(link(1, 2));
        queuedLinks.linkSeen(link(2, 1));
        assertThat(seen).isEmpty();
        pool.runAll();

        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.reasons()).hasSize(4);
            assertThat(e.topology().devices()).containsExactlyInAnyOrder(dev(1), dev(2));
            assertThat(e.topology().links()).containsExactlyInAnyOrder(link(1, 2), link(2, 1));
        });
        assertThat(batched.topology()).isSameAs(seen.get(0).topology());

        // A change after the snapshot was made gets one of its own.
        queuedDevices.portUpdated(dev(2), port(1, false));
        pool.runAll();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).reasons()).hasSize(2).allMatch(LinkEvent.class::isInstance);
        assertThat(seen.get(1).topology().links()).isEmpty();
        assertThat(counters.get("events.dropped.overload")).isZero();
    }

    @Test
    void whenTheEventQueueRefusesTheSnapshotItIsMadeAtOnceRatherThanLost() throws InterruptedException {
        QueuedPool pool = new QueuedPool();
        Counters counters = new Counters();
        KeyedSerialExecutor executor = new KeyedSerialExecutor("events", pool, 1_000, counters);
        EventDispatcher closing = new EventDispatcher(executor, counters);
        DeviceManager closingDevices = new DeviceManager(fabric.dispatcher());
        LinkManager closingLinks = new LinkManager(closing, fabric.clock(), MAX_AGE, counters);
        TopologyManager closingTopology = new TopologyManager(closingDevices, closingLinks, closing, fabric.clock(),
                SETTLE, LinkWeigher.HOP_COUNT);
        closingLinks.addListener(closingTopology::onLinkEvent);
        closingDevices.deviceConnected(dev(1), OVS, ports(1, 2));
        closingDevices.deviceConnected(dev(2), OVS, ports(1, 2));
        closingLinks.linkSeen(link(1, 2));
        closingLinks.linkSeen(link(2, 1));

        // The link events were queued before the queue closed; the snapshot they ask for finds it closed.
        executor.shutdown(0);
        pool.runAll();

        assertThat(counters.get("events.dropped.shutdown")).isPositive();
        assertThat(closingTopology.topology().links()).containsExactlyInAnyOrder(link(1, 2), link(2, 1));
    }

    /** A thread pool that runs nothing until the test says so, so events queue up as under load. */
    private static final class QueuedPool extends AbstractExecutorService {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}

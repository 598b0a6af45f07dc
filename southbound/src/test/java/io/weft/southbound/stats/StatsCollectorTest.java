package io.weft.southbound.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onosproject.net.DeviceId;

/** The collector over a stats service whose polls the test completes by hand, and the real device manager. */
@Timeout(10)
class StatsCollectorTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceId S2 = DeviceIds.fromDatapathId(2);
    private static final DeviceId S3 = DeviceIds.fromDatapathId(3);
    private static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13");

    private final Counters counters = new Counters();
    private final DeviceManager devices = new DeviceManager(new EventDispatcher(
            new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64, counters), counters));
    private final ManualStats service = new ManualStats();
    private final StatsCollector collector = new StatsCollector(service, devices, Duration.ofSeconds(30), counters);

    @BeforeEach
    void connect() {
        devices.addListener(collector::onDeviceEvent);
        devices.deviceConnected(S1, OVS, List.of());
        devices.deviceConnected(S2, OVS, List.of());
        devices.deviceConnected(S3, OVS, List.of());
        devices.deviceDisconnected(S3);
    }

    @Test
    void pollsEveryAvailableDeviceAndKeepsItsLatestStatistics() {
        collector.pollAll();
        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2);
        assertThat(collector.latest(S1)).isEmpty();

        service.answer(S1, stats(S1, 1));
        service.answer(S2, stats(S2, 1));
        collector.pollAll();
        service.answer(S1, stats(S1, 2));

        assertThat(collector.latest(S1)).contains(stats(S1, 2));
        assertThat(collector.latest(S2)).contains(stats(S2, 1));
        assertThat(collector.latest(S3)).isEmpty();
        assertThat(counters.get("stats.poll.started")).isEqualTo(4);
        assertThat(counters.get("stats.poll.completed")).isEqualTo(3);
    }

    @Test
    void aDeviceStillAnsweringIsNotAskedAgain() {
        collector.pollAll();
        collector.pollAll();
        collector.pollAll();

        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2);
        assertThat(counters.get("stats.poll.skipped_busy")).isEqualTo(4);
        assertThat(collector.inFlight()).isEqualTo(2);

        service.answer(S1, stats(S1, 1));
        collector.pollAll();
        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2, S1);
    }

    @Test
    void failuresAreCountedByKindAndKeepTheLastGoodStatistics() {
        collector.pollAll();
        service.answer(S1, stats(S1, 1));
        service.fail(S2, new TimeoutException("no reply"));
        collector.pollAll();
        service.fail(S1, new DeviceNotConnectedException(S1));
        service.fail(S2, new IllegalStateException("the switch said no"));

        assertThat(counters.get("stats.poll.failed")).isEqualTo(3);
        assertThat(counters.get("stats.poll.timeouts")).isEqualTo(1);
        assertThat(counters.get("stats.poll.disconnected")).isEqualTo(1);
        assertThat(collector.latest(S1)).contains(stats(S1, 1));
        assertThat(collector.inFlight()).isZero();
    }

    @Test
    void aDisconnectDropsTheStatisticsAndDisownsThePollInFlight() {
        collector.pollAll();
        service.answer(S1, stats(S1, 1));
        collector.pollAll();

        devices.deviceDisconnected(S1);
        assertThat(collector.latest(S1)).isEmpty();
        service.answer(S1, stats(S1, 2));

        assertThat(collector.latest(S1)).as("a reply from before the disconnect").isEmpty();
        assertThat(counters.get("stats.poll.stale")).isEqualTo(1);
        devices.deviceConnected(S1, OVS, List.of());
        collector.pollAll();
        service.answer(S1, stats(S1, 3));
        assertThat(collector.latest(S1)).contains(stats(S1, 3));
    }

    @Test
    void aPollThatNeverEndsIsGivenUpAfterTheTimeout() {
        StatsCollector impatient = new StatsCollector(device -> new CompletableFuture<>(), devices,
                Duration.ofMillis(20), counters);

        impatient.poll(S1).join();

        assertThat(counters.get("stats.poll.timeouts")).isEqualTo(1);
        assertThat(impatient.inFlight()).isZero();
    }

    @Test
    void aServiceThatThrowsIsAFailure() {
        StatsCollector broken = new StatsCollector(device -> {
            throw new IllegalStateException("broken");
        }, devices, Duration.ofSeconds(1), counters);

        broken.pollAll();

        assertThat(counters.get("stats.poll.failed")).isEqualTo(2);
        assertThat(broken.inFlight()).isZero();
    }

    private static DeviceStats stats(DeviceId device, int poll) {
        return new DeviceStats(device, Instant.EPOCH.plusSeconds(poll), List.of(), List.of(), List.of(), 0);
    }

    /** Polls that stay open until the test answers or fails them. */
    private static final class ManualStats implements StatsService {
        final List<DeviceId> asked = new ArrayList<>();
        private final Map<DeviceId, CompletableFuture<DeviceStats>> open = new ConcurrentHashMap<>();

        @Override
        public synchronized CompletableFuture<DeviceStats> poll(DeviceId device) {
            asked.add(device);
            CompletableFuture<DeviceStats> poll = new CompletableFuture<>();
            assertThat(open.put(device, poll)).as("a second poll of " + device).isNull();
            return poll;
        }

        void answer(DeviceId device, DeviceStats stats) {
            open.remove(device).complete(stats);
        }

        void fail(DeviceId device, Throwable error) {
            open.remove(device).completeExceptionally(error);
        }
    }
}

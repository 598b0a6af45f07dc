package io.weft.southbound.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.topology.MutableClock;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeMap;
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
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13");

    private final Counters counters = new Counters();
    private final DeviceManager devices = new DeviceManager(new EventDispatcher(
            new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64, counters), counters));
    private final ManualStats service = new ManualStats();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final StatsCollector collector = collector(service, Duration.ofSeconds(30));

    private StatsCollector collector(StatsService stats, Duration timeout) {
        return new StatsCollector(stats, devices, INTERVAL, timeout, clock, counters);
    }

    @BeforeEach
    void connect() {
        devices.addListener(collector::onDeviceEvent);
        devices.deviceConnected(S1, OVS, List.of());
        devices.deviceConnected(S2, OVS, List.of());
        devices.deviceConnected(S3, OVS, List.of());
        devices.deviceDisconnected(S3);
        collector.pollDue();
        assertThat(service.asked).as("a device is first polled at its offset after it is first seen").isEmpty();
    }

    /** One whole interval goes by: each available device's offset comes round once. */
    private void pollAll() {
        pollAll(collector);
    }

    private void pollAll(StatsCollector which) {
        clock.advance(INTERVAL);
        which.pollDue();
    }

    @Test
    void pollsEveryAvailableDeviceAndKeepsItsLatestStatistics() {
        pollAll();
        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2);
        assertThat(collector.latest(S1)).isEmpty();

        service.answer(S1, stats(S1, 1));
        service.answer(S2, stats(S2, 1));
        pollAll();
        service.answer(S1, stats(S1, 2));

        assertThat(collector.latest(S1)).contains(stats(S1, 2));
        assertThat(collector.latest(S2)).contains(stats(S2, 1));
        assertThat(collector.latest(S3)).isEmpty();
        assertThat(counters.get("stats.poll.started")).isEqualTo(4);
        assertThat(counters.get("stats.poll.completed")).isEqualTo(3);
    }

    @Test
    void aDeviceStillAnsweringIsNotAskedAgain() {
        pollAll();
        pollAll();
        pollAll();

        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2);
        assertThat(counters.get("stats.poll.skipped_busy")).isEqualTo(4);
        assertThat(collector.inFlight()).isEqualTo(2);

        service.answer(S1, stats(S1, 1));
        pollAll();
        assertThat(service.asked).containsExactlyInAnyOrder(S1, S2, S1);
    }

    @Test
    void failuresAreCountedByKindAndKeepTheLastGoodStatistics() {
        pollAll();
        service.answer(S1, stats(S1, 1));
        service.fail(S2, new TimeoutException("no reply"));
        pollAll();
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
        pollAll();
        service.answer(S1, stats(S1, 1));
        pollAll();

        devices.deviceDisconnected(S1);
        assertThat(collector.latest(S1)).isEmpty();
        service.answer(S1, stats(S1, 2));

        assertThat(collector.latest(S1)).as("a reply from before the disconnect").isEmpty();
        assertThat(counters.get("stats.poll.stale")).isEqualTo(1);
        devices.deviceConnected(S1, OVS, List.of());
        collector.pollDue();
        pollAll();
        service.answer(S1, stats(S1, 3));
        assertThat(collector.latest(S1)).contains(stats(S1, 3));
    }

    @Test
    void aPollThatNeverEndsIsGivenUpAfterTheTimeout() {
        StatsCollector impatient = collector(device -> new CompletableFuture<>(), Duration.ofMillis(20));

        impatient.poll(S1).join();

        assertThat(counters.get("stats.poll.timeouts")).isEqualTo(1);
        assertThat(impatient.inFlight()).isZero();
    }

    @Test
    void aServiceThatThrowsIsAFailure() {
        StatsCollector broken = collector(device -> {
            throw new IllegalStateException("broken");
        }, Duration.ofSeconds(1));

        broken.pollDue();
        pollAll(broken);

        assertThat(counters.get("stats.poll.failed")).isEqualTo(2);
        assertThat(broken.inFlight()).isZero();
    }

    @Test
    void pollsAreSpreadOverTheIntervalAndEachDeviceIsPolledOnceInEach() {
        Map<DeviceId, List<Instant>> polled = new ConcurrentHashMap<>();
        StatsService answering = device -> {
            polled.computeIfAbsent(device, d -> new ArrayList<>()).add(clock.instant());
            return CompletableFuture.completedFuture(stats(device, 0));
        };
        StatsCollector spread = collector(answering, Duration.ofSeconds(30));
        List<DeviceId> fleet = new ArrayList<>();
        for (long dpid = 100; dpid < 300; dpid++) {
            fleet.add(DeviceIds.fromDatapathId(dpid));
            devices.deviceConnected(fleet.get(fleet.size() - 1), OVS, List.of());
        }
        Duration tick = spread.tick();
        assertThat(tick).isEqualTo(Duration.ofMillis(100));
        spread.pollDue();

        Map<Instant, Integer> perTick = new TreeMap<>();
        long ticks = INTERVAL.dividedBy(tick) * 3;
        for (long i = 0; i < ticks; i++) {
            clock.advance(tick);
            int before = polled.values().stream().mapToInt(List::size).sum();
            spread.pollDue();
            perTick.put(clock.instant(), polled.values().stream().mapToInt(List::size).sum() - before);
        }

        for (DeviceId device : fleet) {
            List<Instant> times = polled.get(device);
            assertThat(times).as("polls of %s", device).hasSize(3);
            assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(INTERVAL);
            assertThat(Duration.between(times.get(1), times.get(2))).isEqualTo(INTERVAL);
        }
        assertThat(polled.keySet()).as("S1 and S2 as well; never the unavailable S3").contains(S1, S2)
                .doesNotContain(S3);
        assertThat(Collections.max(perTick.values())).as("202 devices over 100 ticks: none takes many").isLessThan(12);
        assertThat(perTick.values().stream().filter(n -> n > 0).count()).as("ticks with polls, of 300")
                .isGreaterThan(200);
        assertThat(counters.get("stats.poll.skipped_busy")).isZero();
    }

    @Test
    void aDevicesOffsetIsTheSameEveryTimeAndWithinTheInterval() {
        long offset = StatsCollector.offsetMillis(S1, 10_000);
        assertThat(StatsCollector.offsetMillis(DeviceIds.fromDatapathId(1), 10_000)).isEqualTo(offset);
        assertThat(List.of(S1, S2, S3)).allSatisfy(d -> assertThat(StatsCollector.offsetMillis(d, 10_000))
                .isBetween(0L, 9_999L));
        assertThat(StatsCollector.offsetMillis(S2, 10_000)).isNotEqualTo(offset);
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

package io.weft.southbound.stats;

import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceService;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every available device once per {@code interval} and keeps each one's latest statistics
 * until it disconnects.
 *
 * <p>The polls are spread over the interval, so that a thousand switches do not all answer in
 * the same millisecond: each device has its own offset within the interval, from a stable hash
 * of its id, and is polled when that offset comes round. {@link #pollDue} starts the polls that
 * are due; the controller's timer calls it every {@link #tick}. A device is first polled at its
 * offset after it is first seen, so within one interval of connecting.
 *
 * <p>At most one poll per device is in flight: a device still answering the previous poll is
 * skipped ({@code stats.poll.skipped_busy}), so a slow switch is never asked faster than it
 * answers. A poll that does not complete within {@code timeout} is given up
 * ({@code stats.poll.timeouts}), whatever the service does with it. A poll that completes
 * after its device disconnected is dropped ({@code stats.poll.stale}): what a device reported
 * before a disconnect says nothing of the tables it holds after.
 *
 * <p>Counters: {@code stats.poll.{started,completed,failed,timeouts,disconnected,stale,skipped_busy}};
 * {@code failed} counts every failure, {@code timeouts} and {@code disconnected} the failures
 * of those two kinds.
 */
public final class StatsCollector implements LatestStats {
    private static final Logger log = LoggerFactory.getLogger(StatsCollector.class);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final StatsService stats;
    private final DeviceService devices;
    private final long intervalMillis;
    private final Duration timeout;
    private final Clock clock;
    private final Counters counters;
    /** The latest statistics and the poll in flight of each device; guarded by this. */
    private final Map<DeviceId, DeviceStats> latest = new HashMap<>();
    private final Map<DeviceId, Object> inFlight = new HashMap<>();
    /** The latest round (intervals since the epoch, from the device's offset) each device was polled in or seen. */
    private final Map<DeviceId, Long> rounds = new HashMap<>();
    /** Devices whose last poll failed for a reason worth a log line, so that it is logged once, not every poll. */
    private final Set<DeviceId> failing = new HashSet<>();

    /**
     * @param interval how often each device is polled (at least 1 s)
     * @param timeout  how long a poll may take before it is given up
     */
    public StatsCollector(StatsService stats, DeviceService devices, Duration interval, Duration timeout, Clock clock,
                          Counters counters) {
        if (interval.toMillis() < MIN_INTERVAL.toMillis()) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL + ", was " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.stats = stats;
        this.devices = devices;
        this.intervalMillis = interval.toMillis();
        this.timeout = timeout;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * How often {@link #pollDue} is to be called: a hundredth of the interval, within 10..100 ms,
     * so that a poll goes out at most that late and the devices of one tick are a small share.
     */
    public Duration tick() {
        return Duration.ofMillis(Math.clamp(intervalMillis / 100, 10, 100));
    }

    /** Starts a poll of every available device whose offset came round since its last poll. */
    public void pollDue() {
        long now = clock.millis();
        for (Device device : devices.devices()) {
            if (!device.available()) {
                continue;
            }
            DeviceId id = device.id();
            long round = Math.floorDiv(now - offsetMillis(id, intervalMillis), intervalMillis);
            Long last;
            synchronized (this) {
                last = rounds.put(id, round);
            }
            if (last != null && last < round) {
                poll(id);
            }
        }
    }

    /**
     * Where in each interval {@code device} is polled: from a hash of its id that is the same in
     * every run, mixed (SplitMix64's finalizer) so that consecutive datapath ids land far apart.
     */
    static long offsetMillis(DeviceId device, long intervalMillis) {
        long h = device.toString().hashCode();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return Math.floorMod(h, intervalMillis);
    }

    /** Starts a poll of {@code device} unless one is in flight; the future completes when it ends, either way. */
    CompletableFuture<Void> poll(DeviceId device) {
        Object poll = new Object();
        synchronized (this) {
            if (inFlight.putIfAbsent(device, poll) != null) {
                counters.increment("stats.poll.skipped_busy");
                return CompletableFuture.completedFuture(null);
            }
        }
        counters.increment("stats.poll.started");
        CompletableFuture<DeviceStats> reply;
        try {
            // A copy: the timeout must not complete a future the service may still hold.
            reply = stats.poll(device).copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((result, error) -> {
            settle(device, poll, result, error);
            return null;
        });
    }

    private void settle(DeviceId device, Object poll, DeviceStats result, Throwable error) {
        boolean current;
        boolean firstFailure = false;
        synchronized (this) {
            current = inFlight.remove(device, poll);
            if (current && error == null) {
                latest.put(device, result);
                failing.remove(device);
            } else if (current) {
                firstFailure = failing.add(device);
            }
        }
        if (!current) {
            counters.increment("stats.poll.stale");
            return;
        }
        if (error == null) {
            counters.increment("stats.poll.completed");
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        counters.increment("stats.poll.failed");
        if (cause instanceof TimeoutException) {
            counters.increment("stats.poll.timeouts");
        } else if (cause instanceof DeviceNotConnectedException) {
            counters.increment("stats.poll.disconnected");
        } else if (firstFailure) {
            log.warn("polling statistics of {} failed (logged again once a poll of it has succeeded): {}", device,
                    cause.toString());
        }
    }

    /** A device that disconnects loses its statistics, and the poll in flight is disowned. */
    public void onDeviceEvent(DeviceEvent event) {
        if (event.type() != DeviceEvent.Type.DEVICE_DISCONNECTED) {
            return;
        }
        synchronized (this) {
            latest.remove(event.device().id());
            inFlight.remove(event.device().id());
            rounds.remove(event.device().id());
            failing.remove(event.device().id());
        }
    }

    @Override
    public synchronized Optional<DeviceStats> latest(DeviceId device) {
        return Optional.ofNullable(latest.get(device));
    }

    /** Devices with a poll in flight now (for tests and diagnostics). */
    synchronized int inFlight() {
        return inFlight.size();
    }
}

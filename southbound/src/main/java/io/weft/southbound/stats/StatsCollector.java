package io.weft.southbound.stats;

import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceService;
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
 * Polls every available device when {@link #pollAll} is called (periodically, by the
 * controller's timer) and keeps each one's latest statistics until it disconnects.
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

    private final StatsService stats;
    private final DeviceService devices;
    private final Duration timeout;
    private final Counters counters;
    /** The latest statistics and the poll in flight of each device; guarded by this. */
    private final Map<DeviceId, DeviceStats> latest = new HashMap<>();
    private final Map<DeviceId, Object> inFlight = new HashMap<>();
    /** Devices whose last poll failed for a reason worth a log line, so that it is logged once, not every poll. */
    private final Set<DeviceId> failing = new HashSet<>();

    public StatsCollector(StatsService stats, DeviceService devices, Duration timeout, Counters counters) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.stats = stats;
        this.devices = devices;
        this.timeout = timeout;
        this.counters = counters;
    }

    /** Starts a poll of every available device that has none in flight. */
    public void pollAll() {
        for (Device device : devices.devices()) {
            if (device.available()) {
                poll(device.id());
            }
        }
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

package io.weft.southbound.stats;

import java.util.concurrent.CompletableFuture;
import org.onosproject.net.DeviceId;

/** Asks a device for its statistics: ports, flow rules and tables, in one poll. */
public interface StatsService {
    /**
     * Polls {@code device}. The future completes with everything it reported, or fails: with
     * {@link io.weft.southbound.api.DeviceNotConnectedException} for a device that is not (or
     * no longer) connected, a {@link java.util.concurrent.TimeoutException} for one that did not
     * answer in time, or the device's error. It always completes, within a bounded time.
     */
    CompletableFuture<DeviceStats> poll(DeviceId device);
}

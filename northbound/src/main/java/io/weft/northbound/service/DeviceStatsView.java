package io.weft.northbound.service;

import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.onosproject.net.DeviceId;

/**
 * A device's latest statistics, or why it has none.
 *
 * @param latest   its latest poll; empty when it has not been polled (yet, or any more)
 * @param notPolled why it has no statistics: set exactly when {@code latest} is empty
 */
public record DeviceStatsView(DeviceId device, Optional<DeviceStats> latest, Optional<String> notPolled) {
    static final String NOT_POLLED_YET =
            "not polled yet: statistics appear once the first poll since the device connected completes";
    static final String NOT_CONNECTED =
            "the device is not connected: statistics are kept only for connected devices";

    public DeviceStatsView {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(notPolled, "notPolled");
        if (latest.isPresent() == notPolled.isPresent()) {
            throw new IllegalArgumentException("a device has either statistics or a reason it has none");
        }
    }

    /** The statistics of a device; {@code connected} says why there are none, if there are none. */
    static DeviceStatsView of(DeviceId device, Optional<DeviceStats> latest, boolean connected) {
        return new DeviceStatsView(device, latest, latest.isPresent() ? Optional.empty()
                : Optional.of(connected ? NOT_POLLED_YET : NOT_CONNECTED));
    }

    public boolean polled() {
        return latest.isPresent();
    }

    public Optional<Instant> polledAt() {
        return latest.map(DeviceStats::polledAt);
    }

    /** Empty when not polled. */
    public List<PortStats> ports() {
        return latest.map(DeviceStats::ports).orElse(List.of());
    }

    /** Empty when not polled. */
    public List<TableStats> tables() {
        return latest.map(DeviceStats::tables).orElse(List.of());
    }

    /** The rules the poll found that the model can express; zero when not polled. */
    public int flowCount() {
        return latest.map(stats -> stats.flows().size()).orElse(0);
    }

    public int inexpressibleFlows() {
        return latest.map(DeviceStats::inexpressibleFlows).orElse(0);
    }
}

package io.weft.southbound.stats;

import java.util.Optional;
import org.onosproject.net.DeviceId;

/** The latest statistics of each connected device, for the views that show them. */
@FunctionalInterface
public interface LatestStats {
    /** No statistics for any device: where nothing polls. */
    LatestStats NONE = device -> Optional.empty();

    /** The latest completed poll of {@code device}; empty before its first, and once it disconnects. */
    Optional<DeviceStats> latest(DeviceId device);
}

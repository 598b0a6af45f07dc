package io.weft.southbound.api;

import java.util.List;
import java.util.Objects;
import org.onosproject.net.DeviceId;

/**
 * A flow rule as apps describe it, independent of OpenFlow version.
 *
 * @param table       table id (ignored by switches with a single table)
 * @param priority    0 to 65535; higher wins
 * @param cookie      owner, see {@link Cookies}
 * @param idleTimeout seconds without a matching packet before the switch removes it; 0: never
 * @param hardTimeout seconds after which the switch removes it; 0: never
 */
public record FlowRule(DeviceId device, int table, int priority, TrafficMatch match, List<Action> actions,
                       long cookie, int idleTimeout, int hardTimeout) {
    public FlowRule {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(match, "match");
        actions = List.copyOf(actions);
        requireRange("table", table, 0xfe);
        requireRange("priority", priority, 0xffff);
        requireRange("idleTimeout", idleTimeout, 0xffff);
        requireRange("hardTimeout", hardTimeout, 0xffff);
    }

    private static void requireRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be within 0.." + max + ", was " + value);
        }
    }
}

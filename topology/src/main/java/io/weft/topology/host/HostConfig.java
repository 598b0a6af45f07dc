package io.weft.topology.host;

import java.time.Duration;
import java.util.Objects;

/**
 * How hosts are tracked.
 *
 * @param idleTimeout  a host not seen for this long is forgotten
 * @param moveHoldDown after a host moves, moves within this time are not followed (a host
 *                     flapping between two ports, or a spoofer, does not drag its rules back
 *                     and forth); counted as {@code hosts.move_suppressed}
 * @param maxHosts     hosts kept at most; new ones beyond are counted as {@code hosts.dropped.table_full}
 * @param maxIpsPerHost IP addresses kept per host; the one not seen for longest is forgotten first
 */
public record HostConfig(Duration idleTimeout, Duration moveHoldDown, int maxHosts, int maxIpsPerHost) {
    public static final HostConfig DEFAULTS = new HostConfig(Duration.ofMinutes(10), Duration.ofSeconds(1),
            100_000, 8);

    public HostConfig {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(moveHoldDown, "moveHoldDown");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle-timeout must be positive, was " + idleTimeout);
        }
        if (moveHoldDown.isNegative()) {
            throw new IllegalArgumentException("move-hold-down must not be negative, was " + moveHoldDown);
        }
        if (maxHosts < 1) {
            throw new IllegalArgumentException("max-hosts must be at least 1, was " + maxHosts);
        }
        if (maxIpsPerHost < 1) {
            throw new IllegalArgumentException("max-ips-per-host must be at least 1, was " + maxIpsPerHost);
        }
    }
}

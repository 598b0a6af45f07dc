package io.weft.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the fabric is discovered.
 *
 * @param probeInterval how often every port is probed; links are found this fast at worst
 * @param probeMaxAge   a probe older than this is refused, which bounds how long a captured probe could be replayed
 * @param linkTimeout   a link no probe has crossed for this long is gone (ports going down remove links at once)
 * @param edgeSettle    how long a port must be up, and link-free, before hosts are learned and broadcasts sent there
 * @param secret        the probes' signing secret; when absent, one is generated and kept in the data directory
 */
public record DiscoverySettings(Duration probeInterval, Duration probeMaxAge, Duration linkTimeout,
                                Duration edgeSettle, Optional<String> secret) {
    /**
     * Ports settle for 3 s: the links at a port that comes up are found within a quarter of a
     * second (a switch joining makes a round of probes at once), and a port that settled before
     * its link was found would take floods and learn hosts that then keep the link from being
     * made; on a loaded machine a 1 s settle was not always enough.
     */
    public static final DiscoverySettings DEFAULTS = new DiscoverySettings(Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(3), Optional.empty());

    public DiscoverySettings {
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeMaxAge, "probeMaxAge");
        Objects.requireNonNull(linkTimeout, "linkTimeout");
        Objects.requireNonNull(edgeSettle, "edgeSettle");
        Objects.requireNonNull(secret, "secret");
        if (probeInterval.toMillis() < 100) {
            throw new IllegalArgumentException("probe-interval must be at least 100ms, was " + probeInterval);
        }
        if (linkTimeout.compareTo(probeInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("link-timeout must be at least twice probe-interval, or one lost"
                    + " probe drops a link; was " + linkTimeout + " with probe-interval " + probeInterval);
        }
        if (probeMaxAge.toMillis() < 100) {
            throw new IllegalArgumentException("probe-max-age must be at least 100ms, was " + probeMaxAge);
        }
        secret.ifPresent(s -> {
            if (s.length() < 16) {
                throw new IllegalArgumentException("secret must be at least 16 characters");
            }
        });
    }
}

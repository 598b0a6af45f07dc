package io.weft.southbound.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * How link discovery probes the fabric and which probes it believes.
 *
 * @param probeInterval how often every up port of every available switch gets a probe.
 *                      Default 2 s: a link is confirmed several times within the link
 *                      manager's maximum age, so one lost probe does not drop it, and the
 *                      probes of a fabric of a thousand ports cost five hundred packet-outs
 *                      a second. New switches and ports that come up are probed at once, so
 *                      the interval does not delay discovery, only the ageing of silent links.
 *                      At least 100 ms.
 * @param probeMaxAge   the oldest probe believed, measured from the timestamp it carries.
 *                      Default 3 s: a probe crosses one link in well under a second, even
 *                      through busy packet-in queues, so 3 s leaves plenty of slack while a
 *                      captured probe is useless to a replayer soon after. It is also how long
 *                      accepted probes are remembered to refuse replays, so a longer age costs
 *                      memory. Positive, at most 60 s.
 * @param maxClockSkew  how far in the future a probe's timestamp may be. Default 1 s: the
 *                      instance that signs a probe is normally the one that checks it, so only
 *                      the clocks of the instances of a cluster can disagree, and by far less
 *                      than that when synchronised. Zero or more, less than {@code probeMaxAge}.
 */
public record DiscoveryConfig(Duration probeInterval, Duration probeMaxAge, Duration maxClockSkew) {
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    public static final DiscoveryConfig DEFAULTS = new DiscoveryConfig(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(1));

    public DiscoveryConfig {
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeMaxAge, "probeMaxAge");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (probeInterval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("probe-interval must be at least " + MIN_INTERVAL + ", was "
                    + probeInterval);
        }
        if (probeMaxAge.isNegative() || probeMaxAge.isZero() || probeMaxAge.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException("probe-max-age must be positive and at most " + MAX_AGE + ", was "
                    + probeMaxAge);
        }
        if (maxClockSkew.isNegative() || maxClockSkew.compareTo(probeMaxAge) >= 0) {
            throw new IllegalArgumentException("max-clock-skew must be zero or more and less than probe-max-age ("
                    + probeMaxAge + "), was " + maxClockSkew);
        }
    }

    /** The TTL probes carry for LLDP listeners: the maximum age, in whole seconds, rounded up. */
    int ttlSeconds() {
        long millis = probeMaxAge.toMillis();
        return (int) ((millis + 999) / 1000);
    }
}

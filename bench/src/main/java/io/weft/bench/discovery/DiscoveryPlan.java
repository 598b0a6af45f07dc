package io.weft.bench.discovery;

import java.time.Duration;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * How a discovery run goes, apart from the fabric.
 *
 * @param connectInterval  pause between two switches connecting
 * @param threads          event-loop threads of the emulated switches
 * @param poll             how often the REST API is asked for links
 * @param timeout          how long every link may take to appear
 * @param probeInterval    the controller's probe interval, for the theoretical bound (Weft's default unless set)
 * @param rerouteWarmup    re-route rounds before the measured ones
 * @param rerouteRounds    measured re-route rounds; 0 for none
 * @param rerouteTimeout   how long one re-route, or the recovery after it, may take
 */
record DiscoveryPlan(OFVersion version, Duration connectInterval, int threads, Duration poll, Duration timeout,
                     Duration probeInterval, int rerouteWarmup, int rerouteRounds, Duration rerouteTimeout) {
    DiscoveryPlan {
        if (threads < 1 || poll.isNegative() || poll.isZero() || timeout.isNegative() || rerouteWarmup < 0
                || rerouteRounds < 0) {
            throw new IllegalArgumentException("threads and the poll interval must be positive, rounds not negative");
        }
    }
}

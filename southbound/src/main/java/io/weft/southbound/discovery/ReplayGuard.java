package io.weft.southbound.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the probes already accepted, so that the same probe is believed once. A probe is
 * forgotten once it is older than the maximum age: by then it would be refused as stale
 * anyway, which bounds the memory by the probes of one maximum age (twice that at worst,
 * since forgetting runs at most once per maximum age rather than on every probe).
 */
final class ReplayGuard {
    private final long maxAgeMillis;
    private final Map<Probe, Boolean> accepted = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    ReplayGuard(long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
    }

    /** True when {@code probe} was accepted before and is still remembered. */
    boolean seen(Probe probe) {
        return accepted.containsKey(probe);
    }

    /**
     * Remembers {@code probe}; false when it was already remembered (another thread accepted
     * the same probe first). Also forgets old probes, at most once per maximum age.
     */
    boolean accept(Probe probe, long nowMillis) {
        long sweepAt = nextSweep.get();
        if (nowMillis >= sweepAt && nextSweep.compareAndSet(sweepAt, nowMillis + maxAgeMillis)) {
            accepted.keySet().removeIf(p -> nowMillis - p.timestampMillis() > maxAgeMillis);
        }
        return accepted.putIfAbsent(probe, Boolean.TRUE) == null;
    }

    /** How many probes are remembered. */
    int size() {
        return accepted.size();
    }
}

package io.weft.bench.api;

import io.weft.topology.virtual.VirtualNetworkConfig;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What an api run measures, checked before anything starts: the protocols, the reads (each
 * over every protocol), and how many networks each creation round makes (0: none).
 */
record ApiPlan(List<Protocol> protocols, List<Read> reads, int creations, int clients, int warmup, int rounds,
               Duration roundLength) {
    /**
     * The most networks a round may create: Weft gives each network a fabric tag of its own, and
     * has {@code 1..4094} to give. A controller that holds networks already has fewer left; the
     * creations past that are refused, and counted as such.
     */
    static final int MAX_CREATIONS = VirtualNetworkConfig.DEFAULTS.lastTag() - VirtualNetworkConfig.DEFAULTS.firstTag()
            + 1;

    ApiPlan {
        protocols = List.copyOf(new LinkedHashSet<>(protocols));
        reads = List.copyOf(new LinkedHashSet<>(reads));
        if (clients < 1 || rounds < 1 || warmup < 0 || roundLength.isNegative() || roundLength.isZero()) {
            throw new IllegalArgumentException("--clients, --rounds and --seconds must be positive, --warmup not"
                    + " negative");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("--protocols names at least one of rest and grpc");
        }
        if (creations < 0 || creations > MAX_CREATIONS) {
            throw new IllegalArgumentException("--creations is within 0.." + MAX_CREATIONS + " (each network takes"
                    + " one of Weft's fabric tags), was " + creations);
        }
        if (reads.isEmpty() && creations == 0) {
            throw new IllegalArgumentException("--reads none and --creations 0 leave nothing to measure");
        }
    }

    /**
     * From the command line's words: {@code protocols} such as {@code rest,grpc}, {@code reads}
     * such as {@code devices,links} or {@code none}.
     */
    static ApiPlan of(List<String> protocols, List<String> reads, int creations, int clients, int warmup, int rounds,
                      double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds must be positive, was " + seconds);
        }
        List<Read> parsedReads = reads.size() == 1 && reads.getFirst().trim().equalsIgnoreCase("none") ? List.of()
                : reads.stream().map(Read::of).toList();
        return new ApiPlan(protocols.stream().map(Protocol::of).toList(), parsedReads, creations, clients, warmup,
                rounds, Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
    }

    ClosedLoop.Rounds readRounds() {
        return ClosedLoop.Rounds.timed(warmup, rounds, roundLength);
    }

    Optional<ClosedLoop.Rounds> creationRounds() {
        return creations == 0 ? Optional.empty() : Optional.of(ClosedLoop.Rounds.counted(warmup, rounds, creations));
    }
}

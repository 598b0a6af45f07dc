package io.weft.bench.flowsetup;

import java.time.Duration;
import java.util.Objects;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * How a flow-setup run is made; every controller of one run is measured with the same.
 *
 * @param window        packet-ins in flight per switch (1 in latency mode)
 * @param buffered      packet-ins carry a buffer id; otherwise NO_BUFFER and the whole packet
 * @param answerTimeout a packet-in unanswered this long is given up on, and its place in the window freed
 * @param threads       event-loop threads of the emulated switches
 */
public record FlowSetupSettings(OFVersion version, int switches, int hosts, int ports, boolean latencyMode,
                                int window, boolean buffered, int rounds, Duration roundLength, int warmupRounds,
                                Duration answerTimeout, Duration connectInterval, Duration learnTimeout,
                                int threads) {
    public FlowSetupSettings {
        Objects.requireNonNull(version, "version");
        positive("switches", switches);
        positive("rounds", rounds);
        positive("threads", threads);
        positive("window", window);
        if (latencyMode && window != 1) {
            throw new IllegalArgumentException("latency mode keeps one packet-in in flight per switch, not " + window);
        }
        if (warmupRounds < 0) {
            throw new IllegalArgumentException("warm-up rounds must not be negative, was " + warmupRounds);
        }
        if (window > 1 << 15) {
            throw new IllegalArgumentException("window must be at most 32768, was " + window);
        }
        new HostPlan(0, hosts, ports);
        if (roundLength.toMillis() < 100) {
            throw new IllegalArgumentException("a round must last at least 100 ms, was " + roundLength);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** The ring of each switch's tracker: room for the window and for stragglers within the answer timeout. */
    int trackerCapacity() {
        return Math.max(1 << 18, Integer.highestOneBit(window) * 4);
    }
}

package io.weft.southbound.openflow;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The bounds and timers of the OpenFlow server.
 *
 * @param maxMessageBytes      the largest message accepted from a switch (1072..65535: a description reply must fit, and the length field is 16 bits)
 * @param handshakeTimeout     time from connect to ACTIVE before the connection is closed
 * @param echoInterval         silence after which the controller sends an echo request
 * @param echoMisses           echo intervals of silence tolerated before the connection is closed
 * @param writeHighWaterBytes  queued output above which a connection is congested
 * @param maxPendingWriteBytes queued output above which a switch that stopped reading is disconnected
 * @param barrierTimeout       time a switch has to confirm a batch of flow operations
 * @param eventLoops           threads serving the switches' connections; 0: one per core
 * @param spinBeforeSleep      how long a thread serving switches keeps polling after its last
 *                             message before it sleeps (0: at once): a switch's next message within
 *                             that time is read without waking a sleeping thread, which on a virtual
 *                             machine can take longer than answering the message
 */
public record OpenFlowConfig(String address, int port, int maxMessageBytes, Duration handshakeTimeout,
                             Duration echoInterval, int echoMisses, int writeHighWaterBytes,
                             long maxPendingWriteBytes, Duration barrierTimeout, int eventLoops,
                             Duration spinBeforeSleep) {
    /** The longest {@link #spinBeforeSleep}: past it, sleeping costs less than spinning. */
    public static final Duration MAX_SPIN = Duration.ofMillis(10);
    public static final int MAX_EVENT_LOOPS = 1024;
    public static final OpenFlowConfig DEFAULTS = new OpenFlowConfig("0.0.0.0", 6653, 65535,
            Duration.ofSeconds(10), Duration.ofSeconds(5), 3, 1 << 20, 16L << 20, Duration.ofSeconds(10), 0,
            Duration.of(50, ChronoUnit.MICROS));

    /** A switch description reply (1072 bytes on 1.3+) must fit, or no handshake can finish. */
    public static final int MIN_MESSAGE_BYTES = 1072;

    public OpenFlowConfig {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > 65535) {
            throw new IllegalArgumentException("maxMessageBytes must be within " + MIN_MESSAGE_BYTES + "..65535, was "
                    + maxMessageBytes);
        }
        requirePositive("handshakeTimeout", handshakeTimeout);
        requirePositive("echoInterval", echoInterval);
        requirePositive("barrierTimeout", barrierTimeout);
        if (echoMisses < 1) {
            throw new IllegalArgumentException("echoMisses must be at least 1, was " + echoMisses);
        }
        if (writeHighWaterBytes < 1024 || maxPendingWriteBytes < writeHighWaterBytes) {
            throw new IllegalArgumentException("need 1024 <= writeHighWaterBytes <= maxPendingWriteBytes");
        }
        if (eventLoops < 0 || eventLoops > MAX_EVENT_LOOPS) {
            throw new IllegalArgumentException("eventLoops must be within 0.." + MAX_EVENT_LOOPS + ", was " + eventLoops);
        }
        Objects.requireNonNull(spinBeforeSleep, "spinBeforeSleep");
        if (spinBeforeSleep.isNegative() || spinBeforeSleep.compareTo(MAX_SPIN) > 0) {
            throw new IllegalArgumentException("spinBeforeSleep must be within 0.." + MAX_SPIN + ", was "
                    + spinBeforeSleep);
        }
    }

    /** The threads to serve switches with: {@link #eventLoops}, or one per core. */
    public int eventLoopThreads() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public OpenFlowConfig withPort(int newPort) {
        return new OpenFlowConfig(address, newPort, maxMessageBytes, handshakeTimeout, echoInterval, echoMisses,
                writeHighWaterBytes, maxPendingWriteBytes, barrierTimeout, eventLoops, spinBeforeSleep);
    }

    public OpenFlowConfig withAddress(String newAddress) {
        return new OpenFlowConfig(newAddress, port, maxMessageBytes, handshakeTimeout, echoInterval, echoMisses,
                writeHighWaterBytes, maxPendingWriteBytes, barrierTimeout, eventLoops, spinBeforeSleep);
    }
}

package io.weft.lab;

import java.time.Duration;

/**
 * A ping running in the background of a Mininet host ({@code ping -D -i interval}), read
 * while it runs and stopped with SIGINT, as a user at the Mininet prompt would.
 */
public final class ContinuousPing {
    private final MininetNetwork network;
    private final int id;
    private final String description;

    ContinuousPing(MininetNetwork network, int id, String description) {
        this.network = network;
        this.id = id;
        this.description = description;
    }

    /** The replies so far; {@code lastReply} is NaN before the first one. */
    public record Progress(int received, int duplicates, double lastReply, double at) {
    }

    int id() {
        return id;
    }

    public Progress progress() {
        return network.readPing(id);
    }

    /** Waits until {@code replies} more replies than now have come back; fails after {@code timeout}. */
    public Progress awaitMoreReplies(int replies, Duration timeout, String when) {
        int before = progress().received();
        return Poll.until(replies + " more replies to " + this + " " + when, timeout, this::progress,
                progress -> progress.received() >= before + replies).value();
    }

    /** Stops the ping and reads everything it saw. */
    public PingTimeline stop() {
        return network.stopPing(id);
    }

    @Override
    public String toString() {
        return description;
    }
}

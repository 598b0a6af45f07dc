package io.weft.southbound.openflow;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.LongSupplier;

/**
 * How an event loop waits for its switches: after the last message it keeps polling, without
 * sleeping, for up to {@code spinNanos}, and only then sleeps in epoll. A switch that answers a
 * flow mod with its next packet-in within that time finds the loop awake: no wake-up of a
 * sleeping thread (tens of microseconds on a busy machine) on the way. Idle loops sleep as
 * Netty's do.
 */
final class SpinThenSleep implements SelectStrategy {
    private final long spinNanos;
    private final LongSupplier nanoTime;
    /** When the loop last found nothing to do; -1 while it finds work. */
    private long idleSince = -1;

    SpinThenSleep(long spinNanos) {
        this(spinNanos, System::nanoTime);
    }

    SpinThenSleep(long spinNanos, LongSupplier nanoTime) {
        this.spinNanos = spinNanos;
        this.nanoTime = nanoTime;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        if (ready > 0 || hasTasks) {
            idleSince = -1;
            return ready;
        }
        long now = nanoTime.getAsLong();
        if (idleSince < 0) {
            idleSince = now;
        }
        if (now - idleSince < spinNanos) {
            // Polling is worth it only on a core nothing else wants: anything runnable here goes first.
            Thread.yield();
            return 0;
        }
        idleSince = -1;
        return SelectStrategy.SELECT;
    }
}

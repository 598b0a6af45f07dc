package io.weft.bench.flowsetup;

/**
 * The packet-ins one switch has in flight, by sequence number, in a ring: when each was
 * sent, and whether it was answered or given up on. Single-threaded (the switch's event
 * loop).
 *
 * <p>Sequence numbers go out on the wire as 31-bit buffer ids (never {@code NO_BUFFER}) and
 * in the packet's payload; {@link #sequenceOf} maps a wire value back to the full number.
 * A packet-in is answered at most once: a second answer for it is a duplicate, an answer
 * after it was given up on is late, and neither counts.
 */
final class AnswerTracker {
    enum Outcome { ANSWERED, DUPLICATE, LATE, UNKNOWN }

    static final long WIRE_MASK = 0x7fffffffL;
    private static final long ANSWERED = -1;
    private static final long GIVEN_UP = -2;

    private final long[] slots;
    private final int mask;
    private final long origin;
    private final long first;
    private long head;
    private long tail;
    private int outstanding;
    private long lastLatencyNanos;

    /** {@code capacity}: the most packet-ins between the oldest unsettled one and the newest; a power of two. */
    AnswerTracker(int capacity, long originNanos) {
        this(capacity, originNanos, 0);
    }

    /** Starts numbering at {@code firstSequence}: lets a test see the wire values wrap without 2^31 packets. */
    AnswerTracker(int capacity, long originNanos, long firstSequence) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 2, was " + capacity);
        }
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        this.origin = originNanos;
        this.first = firstSequence;
        this.head = firstSequence;
        this.tail = firstSequence;
    }

    /** True if one more packet-in may be sent with at most {@code window} in flight. */
    boolean hasRoom(int window) {
        return outstanding < window && head - tail < slots.length;
    }

    int outstanding() {
        return outstanding;
    }

    /** Records a packet-in sent at {@code nowNanos}; returns its sequence number. */
    long open(long nowNanos) {
        if (head - tail >= slots.length) {
            throw new IllegalStateException("no room: " + (head - tail) + " unsettled packet-ins");
        }
        long sequence = head++;
        slots[(int) (sequence & mask)] = nowNanos - origin + 1;
        outstanding++;
        return sequence;
    }

    /** The full sequence number of a 31-bit wire value, taken as the latest one issued that matches. */
    long sequenceOf(long wire) {
        long candidate = (head & ~WIRE_MASK) | (wire & WIRE_MASK);
        return candidate >= head ? candidate - (WIRE_MASK + 1) : candidate;
    }

    /** An answer for {@code sequence} arrived at {@code nowNanos}. */
    Outcome answer(long sequence, long nowNanos) {
        if (sequence < 0 || sequence >= head) {
            return Outcome.UNKNOWN;
        }
        if (sequence < head - slots.length || sequence < first) {
            return Outcome.LATE;
        }
        int slot = (int) (sequence & mask);
        long state = slots[slot];
        if (state == ANSWERED) {
            return Outcome.DUPLICATE;
        }
        if (state == GIVEN_UP) {
            return Outcome.LATE;
        }
        slots[slot] = ANSWERED;
        outstanding--;
        lastLatencyNanos = nowNanos - origin + 1 - state;
        advanceTail();
        return Outcome.ANSWERED;
    }

    /** Time from sending to answer of the packet-in last {@link Outcome#ANSWERED}. */
    long lastLatencyNanos() {
        return lastLatencyNanos;
    }

    /** Gives up on packet-ins sent before {@code cutoffNanos}; returns how many. */
    int expire(long cutoffNanos) {
        long cutoff = cutoffNanos - origin + 1;
        int expired = 0;
        while (tail < head) {
            int slot = (int) (tail & mask);
            long state = slots[slot];
            if (state > 0) {
                if (state >= cutoff) {
                    break;
                }
                slots[slot] = GIVEN_UP;
                outstanding--;
                expired++;
            }
            tail++;
        }
        return expired;
    }

    private void advanceTail() {
        while (tail < head && slots[(int) (tail & mask)] <= 0) {
            tail++;
        }
    }
}

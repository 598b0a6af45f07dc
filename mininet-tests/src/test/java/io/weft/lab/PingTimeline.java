package io.weft.lab;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What a continuous ping saw, from the moment it started until it was stopped: how many
 * echo requests went out, and when each reply came back (seconds since the epoch, the
 * lab machine's clock, the same one link changes are timed with).
 *
 * @param interval seconds between echo requests
 * @param sent     echo requests sent, as ping counted them
 * @param received echo replies, duplicates aside
 * @param replies  each reply, in the order received
 */
public record PingTimeline(String src, String dst, double interval, double started, double stopped, int sent,
                           int received, int duplicates, List<Reply> replies) {

    public PingTimeline {
        replies = List.copyOf(replies);
    }

    /** One echo reply: when it came back, and its sequence number. */
    public record Reply(double at, int seq) {
    }

    /**
     * A stretch without replies, from the last reply before it to the first one after it.
     * If replies never came back, {@code resumed} is false and the gap runs to the stop.
     */
    public record Gap(double from, double to, boolean resumed) {
        public long millis() {
            return Math.round((to - from) * 1000);
        }

        @Override
        public String toString() {
            return resumed ? millis() + " ms" : "more than " + millis() + " ms (replies never resumed)";
        }
    }

    public int lost() {
        return sent - received;
    }

    /**
     * Sequence numbers of echoes that got no reply although a later echo did: lost, as
     * opposed to the last few still in flight when the ping stopped.
     */
    public List<Integer> missingBeforeLastReply() {
        BitSet seen = new BitSet();
        replies.forEach(reply -> seen.set(reply.seq()));
        int last = seen.length() - 1;
        List<Integer> missing = new ArrayList<>();
        int first = seen.isEmpty() ? 0 : Math.min(1, seen.nextSetBit(0));
        for (int seq = first; seq < last; seq++) {
            if (!seen.get(seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }

    /**
     * The longest silence that overlaps {@code [from, to]}: between two successive replies,
     * or from the start, or until the stop, when no reply bounds it on that side.
     */
    public Gap longestGap(double from, double to) {
        Gap longest = null;
        double previous = started;
        for (Reply reply : replies) {
            if (reply.at() >= from && previous <= to) {
                longest = longer(longest, new Gap(previous, reply.at(), true));
            }
            previous = reply.at();
        }
        if (previous <= to) {
            longest = longer(longest, new Gap(previous, stopped, false));
        }
        return longest != null ? longest : new Gap(from, from, true);
    }

    /** Replies received in {@code [from, to]}. */
    public long repliesBetween(double from, double to) {
        return replies.stream().filter(reply -> reply.at() >= from && reply.at() <= to).count();
    }

    private static Gap longer(Gap current, Gap candidate) {
        return current == null || candidate.to() - candidate.from() > current.to() - current.from() ? candidate : current;
    }

    @Override
    public String toString() {
        return "%s->%s every %.0f ms for %.1fs: %d sent, %d received, %d duplicates"
                .formatted(src, dst, interval * 1000, stopped - started, sent, received, duplicates);
    }
}

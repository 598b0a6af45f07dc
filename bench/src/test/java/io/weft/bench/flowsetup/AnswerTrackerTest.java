package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.bench.flowsetup.AnswerTracker.Outcome;
import org.junit.jupiter.api.Test;

/** Each packet-in counts once: answered, then duplicate; given up, then late; never sent, unknown. */
class AnswerTrackerTest {
    private static final long T0 = 1_000_000_000L;

    @Test
    void aPacketInIsAnsweredOnceAndAfterThatDuplicate() {
        AnswerTracker tracker = new AnswerTracker(8, T0);
        long a = tracker.open(T0);
        long b = tracker.open(T0 + 10);
        assertThat(tracker.outstanding()).isEqualTo(2);

        assertThat(tracker.answer(b, T0 + 110)).isEqualTo(Outcome.ANSWERED);
        assertThat(tracker.lastLatencyNanos()).isEqualTo(100);
        assertThat(tracker.answer(b, T0 + 120)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.answer(a, T0 + 500)).isEqualTo(Outcome.ANSWERED);
        assertThat(tracker.lastLatencyNanos()).isEqualTo(500);
        assertThat(tracker.answer(a, T0 + 600)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void aSequenceNeverSentIsUnknown() {
        AnswerTracker tracker = new AnswerTracker(8, T0);
        tracker.open(T0);
        assertThat(tracker.answer(1, T0)).isEqualTo(Outcome.UNKNOWN);
        assertThat(tracker.answer(-1, T0)).isEqualTo(Outcome.UNKNOWN);
        assertThat(tracker.outstanding()).isEqualTo(1);
    }

    @Test
    void expiryGivesUpTheOldestUnansweredAndTheirAnswersComeLate() {
        AnswerTracker tracker = new AnswerTracker(8, T0);
        long a = tracker.open(T0);
        long b = tracker.open(T0 + 100);
        long c = tracker.open(T0 + 200);
        tracker.answer(b, T0 + 250);

        assertThat(tracker.expire(T0 + 150)).as("only a was sent before the cutoff").isEqualTo(1);
        assertThat(tracker.outstanding()).isEqualTo(1);
        assertThat(tracker.answer(a, T0 + 300)).isEqualTo(Outcome.LATE);
        assertThat(tracker.answer(c, T0 + 300)).isEqualTo(Outcome.ANSWERED);
        assertThat(tracker.expire(Long.MAX_VALUE)).isZero();
    }

    @Test
    void theWindowBoundsWhatIsInFlightAndTheRingBoundsWhatIsUnsettled() {
        AnswerTracker tracker = new AnswerTracker(4, T0);
        assertThat(tracker.hasRoom(2)).isTrue();
        long first = tracker.open(T0);
        tracker.open(T0);
        assertThat(tracker.hasRoom(2)).isFalse();
        assertThat(tracker.hasRoom(10)).isTrue();
        tracker.open(T0);
        tracker.open(T0);
        assertThat(tracker.hasRoom(10)).as("ring full").isFalse();
        assertThatThrownBy(() -> tracker.open(T0)).isInstanceOf(IllegalStateException.class);

        tracker.answer(first + 1, T0);
        assertThat(tracker.hasRoom(10)).as("the oldest still holds its place").isFalse();
        tracker.answer(first, T0);
        assertThat(tracker.hasRoom(10)).isTrue();
    }

    @Test
    void anAnswerOlderThanTheRingIsLate() {
        AnswerTracker tracker = new AnswerTracker(2, T0);
        long old = tracker.open(T0);
        tracker.answer(old, T0);
        for (int i = 0; i < 4; i++) {
            tracker.answer(tracker.open(T0), T0);
        }
        assertThat(tracker.answer(old, T0)).isEqualTo(Outcome.LATE);
    }

    @Test
    void wireValuesMapBackToTheLatestSequenceIssued() {
        AnswerTracker tracker = new AnswerTracker(1 << 4, T0);
        assertThat(tracker.sequenceOf(0)).as("nothing issued: before the first").isNegative();
        long s = tracker.open(T0);
        assertThat(tracker.sequenceOf(s & AnswerTracker.WIRE_MASK)).isEqualTo(s);
    }

    @Test
    void wireValuesWrapAt31Bits() {
        // As if 2^31 - 2 packet-ins had been sent already.
        AnswerTracker tracker = new AnswerTracker(1 << 4, T0, (1L << 31) - 2);
        long before = tracker.open(T0);
        tracker.open(T0);
        long after = tracker.open(T0);
        tracker.open(T0);
        assertThat(after).isEqualTo((1L << 31));
        assertThat(after & AnswerTracker.WIRE_MASK).isZero();
        assertThat(tracker.sequenceOf(0)).isEqualTo(after);
        assertThat(tracker.sequenceOf(before & AnswerTracker.WIRE_MASK)).isEqualTo(before);
        assertThat(tracker.answer(tracker.sequenceOf(1), T0)).isEqualTo(Outcome.ANSWERED);
        assertThat(tracker.answer(tracker.sequenceOf(before & AnswerTracker.WIRE_MASK), T0))
                .isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new AnswerTracker(6, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerTracker(1, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}

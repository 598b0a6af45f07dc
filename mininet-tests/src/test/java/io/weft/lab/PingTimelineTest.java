package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PingTimelineTest {

    /** Replies every 50 ms from t=100.0, none between 101.0 and 101.8, then again until 103.0. */
    private static PingTimeline withOutage() {
        List<PingTimeline.Reply> replies = new ArrayList<>();
        int seq = 1;
        for (double at = 100.0; at <= 103.0001; at += 0.05, seq++) {
            if (at <= 101.0001 || at >= 101.7999) {
                replies.add(new PingTimeline.Reply(at, seq));
            }
        }
        return new PingTimeline("h1", "h3", 0.05, 99.99, 103.02, seq - 1, replies.size(), 0, replies);
    }

    @Test
    void theOutageIsTheLongestGapAroundTheLinkFailure() {
        PingTimeline.Gap gap = withOutage().longestGap(100.99, 102.0);

        assertThat(gap.resumed()).isTrue();
        assertThat(gap.millis()).isEqualTo(800);
        assertThat(gap.from()).isCloseTo(101.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void awayFromTheOutageGapsAreTheInterval() {
        assertThat(withOutage().longestGap(102.0, 103.0).millis()).isEqualTo(50);
        assertThat(withOutage().longestGap(100.2, 100.9).millis()).isEqualTo(50);
    }

    @Test
    void repliesThatNeverResumeRunToTheStop() {
        List<PingTimeline.Reply> replies = List.of(new PingTimeline.Reply(100.0, 1), new PingTimeline.Reply(100.05, 2));
        PingTimeline timeline = new PingTimeline("h1", "h3", 0.05, 99.99, 104.0, 80, 2, 0, replies);

        PingTimeline.Gap gap = timeline.longestGap(100.06, 101.0);

        assertThat(gap.resumed()).isFalse();
        assertThat(gap.millis()).isEqualTo(3950);
        assertThat(timeline.lost()).isEqualTo(78);
    }

    @Test
    void countsRepliesInAWindow() {
        assertThat(withOutage().repliesBetween(101.5, 103.0)).isEqualTo(25);
    }
}

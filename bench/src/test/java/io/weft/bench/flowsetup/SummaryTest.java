package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void minMedianMaxOfAnOddAndAnEvenNumberOfRounds() {
        Summary odd = Summary.of(List.of(30.0, 10.0, 20.0));
        assertThat(odd).isEqualTo(new Summary(10, 20, 30, 20));
        Summary even = Summary.of(List.of(40.0, 10.0, 30.0, 20.0));
        assertThat(even.median()).isEqualTo(25);
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[1000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Summary.percentile(sorted, 50)).isEqualTo(500);
        assertThat(Summary.percentile(sorted, 99)).isEqualTo(990);
        assertThat(Summary.percentile(sorted, 99.9)).isEqualTo(999);
        assertThat(Summary.percentile(sorted, 100)).isEqualTo(1000);
        assertThat(Summary.percentile(new long[] {7}, 99.9)).isEqualTo(7);
        assertThatThrownBy(() -> Summary.percentile(sorted, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

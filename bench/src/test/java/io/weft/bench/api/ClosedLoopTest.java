package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import io.weft.bench.flowsetup.Progress;
import io.weft.metrics.Counters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop on its own, with a load that answers from memory. */
@Timeout(60)
class ClosedLoopTest {
    private final Counters counters = new Counters();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final ClosedLoop loop = new ClosedLoop(counters, progress::add, Optional.empty());

    @Test
    void aCountedRoundSendsEachNumberOnceAmongItsClientsBetweenItsSetUpAndItsClearingUp()
            throws InterruptedException {
        FakeLoad load = new FakeLoad((round, n) -> Load.Answer.ok(10));

        ClosedLoop.Result result = loop.run(load, 4, ClosedLoop.Rounds.counted(1, 2, 50));

        assertThat(load.sent.keySet()).containsExactly(0, 1, 2);
        load.sent.values().forEach(numbers -> assertThat(numbers).hasSize(50)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList()));
        assertThat(load.steps).containsExactly("before 0", "after 0", "before 1", "after 1", "before 2", "after 2");
        assertThat(load.clients).hasValue(4);
        assertThat(result.succeeded()).as("the measured rounds' only").isEqualTo(100);
        assertThat(result.rates()).hasSize(2).allMatch(r -> r > 0);
        assertThat(result.problems()).isEmpty();
        assertThat(result.answerBytes()).isEqualTo(10);
        assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
        assertThat(result.unit()).isEqualTo("requests");
        assertThat(progress).hasSize(3).first().asString()
                .startsWith("api: rest FAKE /thing, warm-up 1/1: 50 requests in");
    }

    @Test
    void refusalsAreCountedByKindWarmUpIncludedAndNeverAsSuccesses() throws InterruptedException {
        FakeLoad load = new FakeLoad((round, n) -> n % 4 == 3 ? Load.Answer.problem("refused.409", "network n" + n
                + " exists") : Load.Answer.ok(1));

        ClosedLoop.Result result = loop.run(load, 3, ClosedLoop.Rounds.counted(1, 2, 40));

        assertThat(result.succeeded()).as("30 of each measured round's 40").isEqualTo(60);
        assertThat(result.problems()).containsExactly(Map.entry("refused.409", 30L));
        assertThat(result.problemCount()).isEqualTo(30);
        assertThat(counters.get("bench.api.rest.refused.409")).isEqualTo(30);
        assertThat(result.firstProblem()).hasValueSatisfying(p -> assertThat(p).matches("refused\\.409: network n\\d+"
                + " exists"));
        assertThat(progress).last().asString().endsWith("; 10 refused or failed");
    }

    @Test
    void aClientThatThrowsIsCountedAsFailedAndTheRoundGoesOn() throws InterruptedException {
        FakeLoad load = new FakeLoad((round, n) -> {
            if (n == 0) {
                throw new IllegalStateException("broken");
            }
            return Load.Answer.ok(1);
        });

        ClosedLoop.Result result = loop.run(load, 2, ClosedLoop.Rounds.counted(0, 1, 10));

        assertThat(result.succeeded()).isEqualTo(9);
        assertThat(result.problems()).containsExactly(Map.entry("failed", 1L));
        assertThat(counters.get("bench.api.rest.failed")).isEqualTo(1);
    }

    @Test
    void aTimedRoundRunsForItsLengthAndRatesOnlyItsSuccesses() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        FakeLoad load = new FakeLoad((round, n) -> {
            Thread.sleep(1);
            return calls.incrementAndGet() % 2 == 0 ? Load.Answer.ok(5) : Load.Answer.problem("refused.503", "busy");
        });

        long start = System.nanoTime();
        ClosedLoop.Result result = loop.run(load, 2, ClosedLoop.Rounds.timed(0, 2, Duration.ofMillis(200)));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).isGreaterThanOrEqualTo(0.4);
        assertThat(result.rates()).hasSize(2);
        // Each rate counts successes only: about half the answers, over about 0.2 s.
        double rated = result.rates().stream().mapToDouble(r -> r * 0.2).sum();
        assertThat(rated).isCloseTo(result.succeeded(), withPercentage(25));
        assertThat(result.problemCount()).isPositive();
        assertThat(result.succeeded() + result.problemCount()).isLessThanOrEqualTo(calls.get());
        assertThat(load.sent.keySet()).containsExactly(0, 1);
    }

    @Test
    void roundsAreTimedOrCountedAndAtLeastOneIsMeasured() {
        assertThatThrownBy(() -> new ClosedLoop.Rounds(1, 1, Optional.of(Duration.ofSeconds(1)), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClosedLoop.Rounds(1, 1, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClosedLoop.Rounds.counted(0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClosedLoop.Rounds.timed(0, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Answers as told, and records what it was asked: which numbers in which round, and its set-up steps. */
    private static final class FakeLoad implements Load {
        private final Client answers;
        private final Map<Integer, Set<Integer>> sent = new ConcurrentHashMap<>();
        private final List<String> steps = new ArrayList<>();
        private final AtomicInteger clients = new AtomicInteger();

        FakeLoad(Client answers) {
            this.answers = answers;
        }

        @Override
        public Protocol protocol() {
            return Protocol.REST;
        }

        @Override
        public String operation() {
            return "FAKE /thing";
        }

        @Override
        public Client client() {
            clients.incrementAndGet();
            return (round, n) -> {
                sent.computeIfAbsent(round, r -> ConcurrentHashMap.newKeySet()).add(n);
                return answers.send(round, n);
            };
        }

        @Override
        public void beforeRound(int round) {
            steps.add("before " + round);
        }

        @Override
        public void afterRound(int round) {
            steps.add("after " + round);
        }

        @Override
        public void close() {
        }
    }
}

package io.weft.bench.api;

import io.weft.bench.CpuMeter;
import io.weft.bench.Spread;
import io.weft.bench.flowsetup.Progress;
import io.weft.metrics.Counters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: N clients, each on a thread and a connection of its own, send the next
 * request as soon as the last one is answered, for warm-up rounds and then measured ones. A
 * round is timed (S seconds; the rate counts the successes answered before it closed) or
 * counted (K requests shared among the clients, numbered 0..K-1 so that each creates something
 * distinct; the rate is K's successes over the time the last one took to come back). Only
 * successes count towards a rate and its latencies; every other answer is counted by what went
 * wrong, in warm-up rounds too, as {@code bench.api.<protocol>.<problem>}
 * ({@code refused.<status>}, {@code failed}), and reported beside the rate.
 */
final class ClosedLoop {
    /** How long a client may take to finish a round once it should stop: past any request's own timeout. */
    private static final Duration FINISH = Duration.ofSeconds(60);

    /** The rounds of one load: timed ({@code length}) or counted ({@code requests} each). */
    record Rounds(int warmup, int measured, Optional<Duration> length, int requests) {
        Rounds {
            if (warmup < 0 || measured < 1 || length.isPresent() == requests > 0
                    || length.map(l -> l.isNegative() || l.isZero()).orElse(false) || requests < 0) {
                throw new IllegalArgumentException("rounds are timed or counted, with at least one measured: warmup "
                        + warmup + ", measured " + measured + ", length " + length + ", requests " + requests);
            }
        }

        static Rounds timed(int warmup, int measured, Duration length) {
            return new Rounds(warmup, measured, Optional.of(length), 0);
        }

        static Rounds counted(int warmup, int measured, int requests) {
            return new Rounds(warmup, measured, Optional.empty(), requests);
        }
    }

    /**
     * What one load scored.
     *
     * @param succeeded    successes in the measured rounds
     * @param problems     answers that were not successes, by counter suffix, warm-up rounds included
     * @param firstProblem what the first of them said, to tell a person why
     * @param answerBytes  the size of the last successful answer
     */
    record Result(Protocol protocol, String operation, String unit, int clients, Rounds rounds, List<Double> rates,
                  double p50Micros, double p99Micros, long succeeded, Map<String, Long> problems,
                  Optional<String> firstProblem, int answerBytes, Optional<CpuMeter.Share> cpu) {
        Result {
            rates = List.copyOf(rates);
            problems = Map.copyOf(new TreeMap<>(problems));
        }

        Spread spread() {
            return Spread.of(rates);
        }

        long problemCount() {
            return problems.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Counters counters;
    private final Progress progress;
    private final Optional<CpuMeter> cpu;

    /** @param cpu where the CPU went during the measured rounds; empty where the kernel does not say */
    ClosedLoop(Counters counters, Progress progress, Optional<CpuMeter> cpu) {
        this.counters = counters;
        this.progress = progress;
        this.cpu = cpu;
    }

    Result run(Load load, int clients, Rounds rounds) throws InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client, was " + clients);
        }
        List<Load.Client> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(load.client());
        }
        Problems problems = new Problems(counters, "bench.api." + load.protocol().wireName() + ".");
        List<Double> rates = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long succeeded = 0;
        int answerBytes = 0;
        Optional<CpuMeter.Snapshot> cpuStart = Optional.empty();
        for (int index = 0; index < rounds.warmup() + rounds.measured(); index++) {
            boolean measured = index >= rounds.warmup();
            if (index == rounds.warmup()) {
                cpuStart = cpu.map(CpuMeter::snapshot);
            }
            long problemsBefore = problems.total();
            load.beforeRound(index);
            Round round;
            try {
                round = play(users, index, rounds, problems);
            } finally {
                load.afterRound(index);
            }
            if (measured) {
                rates.add(round.rate());
                succeeded += round.succeeded.sum();
                round.users.forEach(u -> latencies.addAll(u.latencies));
            }
            answerBytes = round.users.stream().mapToInt(u -> u.answerBytes).filter(b -> b > 0).findFirst()
                    .orElse(answerBytes);
            progress.report(describe(load, rounds, index, round, problems.total() - problemsBefore));
        }
        Optional<CpuMeter.Share> share = cpuStart.map(start -> cpu.orElseThrow().between(start,
                cpu.orElseThrow().snapshot()));
        double[] sorted = Spread.sorted(latencies);
        return new Result(load.protocol(), load.operation(), load.unit(), clients, rounds, rates,
                sorted.length == 0 ? Double.NaN : Spread.percentile(sorted, 50) / 1e3,
                sorted.length == 0 ? Double.NaN : Spread.percentile(sorted, 99) / 1e3, succeeded, problems.counts(),
                problems.first(), answerBytes, share);
    }

    private static Round play(List<Load.Client> clients, int index, Rounds rounds, Problems problems)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Round round = new Round(index, rounds.length().isPresent() ? Integer.MAX_VALUE : rounds.requests());
        for (Load.Client client : clients) {
            round.users.add(new User(client, round, go, problems));
        }
        round.users.forEach(u -> u.thread.start());
        try {
            round.start = System.nanoTime();
            go.countDown();
            if (rounds.length().isPresent()) {
                Thread.sleep(rounds.length().get());
                round.close();
            }
            long deadline = System.nanoTime() + FINISH.toNanos();
            for (User u : round.users) {
                u.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (u.thread.isAlive()) {
                    throw new IllegalStateException("a client was still waiting for an answer " + FINISH.toSeconds()
                            + " s after round " + (index + 1) + " ended");
                }
            }
        } finally {
            round.close();
            round.users.forEach(u -> u.thread.interrupt());
        }
        return round;
    }

    private static String describe(Load load, Rounds rounds, int index, Round round, long problems) {
        boolean measured = index >= rounds.warmup();
        String which = measured ? String.format(Locale.ROOT, "round %d/%d", index - rounds.warmup() + 1,
                rounds.measured()) : String.format(Locale.ROOT, "warm-up %d/%d", index + 1, rounds.warmup());
        String what = rounds.length().isPresent() ? "" : String.format(Locale.ROOT, "%,d %s in %.2f s, ",
                round.succeeded.sum(), load.unit(), (round.closedAt - round.start) / 1e9);
        return String.format(Locale.ROOT, "api: %s %s, %s: %s%,.0f %s/s%s", load.protocol().wireName(),
                load.operation(), which, what, round.rate(), load.unit(),
                problems == 0 ? "" : String.format(Locale.ROOT, "; %,d refused or failed", problems));
    }

    /** One round: who takes part, which request is next, and the successes answered while it was open. */
    private static final class Round {
        private final int index;
        private final int requests;
        private final List<User> users = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private final LongAdder succeeded = new LongAdder();
        private volatile boolean open = true;
        private volatile long start;
        private volatile long closedAt;

        Round(int index, int requests) {
            this.index = index;
            this.requests = requests;
        }

        /** The number of the next request to send, or -1 when the round has had them all or has closed. */
        int take() {
            if (!open) {
                return -1;
            }
            int n = next.getAndIncrement();
            return n < requests ? n : -1;
        }

        /** Counts a success, unless it came back after the round closed. */
        boolean succeeded() {
            if (!open) {
                return false;
            }
            succeeded.increment();
            return true;
        }

        synchronized void close() {
            if (open) {
                closedAt = System.nanoTime();
                open = false;
            }
        }

        double rate() {
            return succeeded.sum() / ((closedAt - start) / 1e9);
        }
    }

    /** A client's thread for one round. */
    private static final class User {
        private final Load.Client client;
        private final Round round;
        private final CountDownLatch go;
        private final Problems problems;
        private final Thread thread;
        private final List<Long> latencies = new ArrayList<>();
        private int answerBytes;

        User(Load.Client client, Round round, CountDownLatch go, Problems problems) {
            this.client = client;
            this.round = round;
            this.go = go;
            this.problems = problems;
            this.thread = new Thread(this::loop, "bench-api-client");
            this.thread.setDaemon(true);
        }

        private void loop() {
            try {
                go.await();
                for (int n = round.take(); n >= 0; n = round.take()) {
                    long start = System.nanoTime();
                    Load.Answer answer = send(n);
                    long took = System.nanoTime() - start;
                    if (!answer.succeeded()) {
                        problems.add(answer);
                    } else if (round.succeeded()) {
                        latencies.add(took);
                        answerBytes = answer.bytes();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Load.Answer send(int n) throws InterruptedException {
            try {
                return client.send(round.index, n);
            } catch (RuntimeException e) {
                return Load.Answer.problem("failed", e.toString());
            }
        }
    }

    /** What went wrong, by kind, across every round of a load. */
    private static final class Problems {
        /** Enough of an error body to say why, not a whole page of it. */
        private static final int DETAIL = 300;

        private final Counters counters;
        private final String prefix;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final AtomicInteger order = new AtomicInteger();
        private volatile String first;

        Problems(Counters counters, String prefix) {
            this.counters = counters;
            this.prefix = prefix;
        }

        void add(Load.Answer answer) {
            counters.increment(prefix + answer.problem());
            counts.computeIfAbsent(answer.problem(), p -> new LongAdder()).increment();
            if (order.getAndIncrement() == 0) {
                String said = String.valueOf(answer.detail());
                first = answer.problem() + ": " + (said.length() > DETAIL ? said.substring(0, DETAIL) + "..." : said);
            }
        }

        long total() {
            return counts.values().stream().mapToLong(LongAdder::sum).sum();
        }

        Map<String, Long> counts() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((problem, count) -> out.put(problem, count.sum()));
            return out;
        }

        Optional<String> first() {
            return Optional.ofNullable(first);
        }
    }
}

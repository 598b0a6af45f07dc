package io.weft.bench.discovery;

import io.weft.bench.rest.RestClient;
import io.weft.metrics.Counters;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks the controller's REST API for its links every poll interval, on a thread of its own,
 * and notes the first answer that holds every expected link. The time noted is when that
 * answer arrived, so a figure is late by at most one poll interval plus one request.
 * Failed requests are counted ({@code bench.discovery.poll_failures}) and retried.
 */
final class LinkPoller implements AutoCloseable {
    private final RestClient rest;
    private final Set<String> expected;
    private final Duration interval;
    private final Counters counters;
    private final CountDownLatch complete = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int known;
    private volatile int unexpected;
    private volatile long completeAt;
    private volatile long polls;
    private volatile long slowestPollNanos;

    LinkPoller(RestClient rest, Set<String> expected, Duration interval, Counters counters) {
        this.rest = rest;
        this.expected = Set.copyOf(expected);
        this.interval = interval;
        this.counters = counters;
        this.thread = new Thread(this::loop, "bench-link-poller");
        this.thread.setDaemon(true);
    }

    LinkPoller start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            long start = System.nanoTime();
            try {
                Set<String> links = rest.links();
                long answered = System.nanoTime();
                slowestPollNanos = Math.max(slowestPollNanos, answered - start);
                polls++;
                Set<String> present = new HashSet<>(links);
                present.retainAll(expected);
                known = present.size();
                unexpected = links.size() - present.size();
                if (known == expected.size() && completeAt == 0) {
                    completeAt = answered;
                    complete.countDown();
                }
            } catch (IOException e) {
                counters.increment("bench.discovery.poll_failures");
            } catch (InterruptedException e) {
                return;
            }
            long next = start + interval.toNanos();
            while (!stopped && System.nanoTime() < next) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    /** Waits until an answer held every expected link; false if {@code timeout} passed first. */
    boolean awaitComplete(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@link System#nanoTime()} of the first complete answer; 0 until there is one. */
    long completeAt() {
        return completeAt;
    }

    int known() {
        return known;
    }

    int unexpected() {
        return unexpected;
    }

    long polls() {
        return polls;
    }

    Duration slowestPoll() {
        return Duration.ofNanos(slowestPollNanos);
    }

    /** Stops polling; what was seen stays readable. Closing twice does no harm. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }
}

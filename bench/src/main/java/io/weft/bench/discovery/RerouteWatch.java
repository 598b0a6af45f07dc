package io.weft.bench.discovery;

import io.weft.bench.fabric.FlowModListener;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Times one re-route from the switches' side. Started just before the cable is cut; each flow
 * mod a switch reads afterwards is noted, and after each one {@code done} is asked whether the
 * rules now carry the conversation around the cut and none is left on it. The re-route took
 * from the cut to the flow mod after which that first held. Called under the fabric's lock,
 * so {@code done} sees the tables as they were right after that flow mod.
 */
final class RerouteWatch implements FlowModListener {
    private final long start;
    private final BooleanSupplier done;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long first;
    private volatile long last;
    private volatile long completeAt;
    private volatile int flowMods;
    private volatile int deletes;

    RerouteWatch(long startNanos, BooleanSupplier done) {
        this.start = startNanos;
        this.done = done;
    }

    @Override
    public void onFlowMod(int switchIndex, boolean delete, long nanoTime) {
        flowMods++;
        if (delete) {
            deletes++;
        }
        if (first == 0) {
            first = nanoTime;
        }
        last = nanoTime;
        if (completeAt == 0 && done.getAsBoolean()) {
            completeAt = nanoTime;
            finished.countDown();
        }
    }

    boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until no flow mod has come for {@code quiet}, or {@code max} has passed. */
    void awaitQuiet(Duration quiet, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            long since = Math.max(start, last);
            long wait = since + quiet.toNanos() - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, deadline - System.nanoTime()));
        }
    }

    /** From the cut to the flow mod that completed the re-route; empty if it never completed. */
    OptionalLong completeAfterNanos() {
        return completeAt == 0 ? OptionalLong.empty() : OptionalLong.of(completeAt - start);
    }

    OptionalLong firstFlowModAfterNanos() {
        return first == 0 ? OptionalLong.empty() : OptionalLong.of(first - start);
    }

    OptionalLong lastFlowModAfterNanos() {
        return last == 0 ? OptionalLong.empty() : OptionalLong.of(last - start);
    }

    int flowMods() {
        return flowMods;
    }

    int deletes() {
        return deletes;
    }
}

package io.weft.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.metrics.Counters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedSerialExecutorTest {
    private final Counters counters = new Counters();

    @Test
    void tasksOfOneKeyRunInOrderAndOneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        KeyedSerialExecutor executor = new KeyedSerialExecutor("test", pool, 100_000, counters);
        List<Integer> a = Collections.synchronizedList(new ArrayList<>());
        List<Integer> b = Collections.synchronizedList(new ArrayList<>());
        int[] running = new int[1];
        boolean[] overlapped = new boolean[1];
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            executor.submit("a", () -> {
                synchronized (running) {
                    overlapped[0] |= ++running[0] > 1;
                }
                a.add(n);
                synchronized (running) {
                    running[0]--;
                }
            });
            executor.submit("b", () -> b.add(n));
        }
        executor.shutdown(10_000);
        assertThat(a).hasSize(2_000).isSorted();
        assertThat(b).hasSize(2_000).isSorted();
        assertThat(overlapped[0]).isFalse();
    }

    @Test
    void refusesAndCountsPastTheBound() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        KeyedSerialExecutor executor = new KeyedSerialExecutor("queue", pool, 2, counters);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        assertThat(executor.submit("k", () -> {
            started.countDown();
            awaitQuietly(release);
        })).isTrue();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.submit("k", () -> { })).isTrue();
        assertThat(executor.submit("k", () -> { })).isTrue();
        assertThat(executor.submit("k", () -> { })).isFalse();
        assertThat(counters.get("queue.dropped.overload")).isEqualTo(1);
        release.countDown();
        executor.shutdown(5_000);
    }

    @Test
    void workAfterShutdownIsRefusedAsShutdownNotOverload() throws Exception {
        KeyedSerialExecutor executor = new KeyedSerialExecutor("q", Executors.newSingleThreadExecutor(), 10, counters);
        executor.shutdown(5_000);

        assertThat(executor.submit("k", () -> { })).isFalse();

        assertThat(counters.get("q.dropped.shutdown")).isEqualTo(1);
        assertThat(counters.get("q.dropped.overload")).isZero();
    }

    @Test
    void aFailingTaskIsCountedAndLaterTasksStillRun() throws Exception {
        KeyedSerialExecutor executor = new KeyedSerialExecutor("x", Executors.newSingleThreadExecutor(), 10, counters);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        executor.submit("k", () -> {
            throw new IllegalStateException("boom");
        });
        executor.submit("k", () -> ran.add("after"));
        executor.shutdown(5_000);
        assertThat(ran).containsExactly("after");
        assertThat(counters.get("x.task_failures")).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

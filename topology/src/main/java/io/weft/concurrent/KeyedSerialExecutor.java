package io.weft.concurrent;

import io.weft.metrics.Counters;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a shared thread pool so that tasks of one key (a device, say) run one at a
 * time and in the order they were submitted, while tasks of different keys run in parallel.
 *
 * <p>The number of queued tasks is bounded: past {@code maxQueued} a task is refused,
 * {@code <name>.dropped.overload} is counted, and {@link #submit} returns false. After
 * {@link #shutdown} tasks are refused as {@code <name>.dropped.shutdown}. A task
 * that throws is logged and counted as {@code <name>.task_failures}; the key's later tasks
 * still run.
 */
public final class KeyedSerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(KeyedSerialExecutor.class);

    private final String name;
    private final ExecutorService pool;
    private final Counters counters;
    private final int maxQueued;
    private final Map<Object, Queue<Runnable>> queues = new HashMap<>();
    private int queued;
    private boolean shutdown;

    public KeyedSerialExecutor(String name, ExecutorService pool, int maxQueued, Counters counters) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, was " + maxQueued);
        }
        this.name = name;
        this.pool = pool;
        this.maxQueued = maxQueued;
        this.counters = counters;
    }

    /** Queues {@code task} behind the earlier tasks of {@code key}; false when refused. */
    public boolean submit(Object key, Runnable task) {
        boolean startDrain;
        synchronized (this) {
            if (shutdown) {
                // Not overload: work that arrives while the controller stops (disconnects, say) has nowhere to go.
                counters.increment(name + ".dropped.shutdown");
                return false;
            }
            if (queued >= maxQueued) {
                counters.increment(name + ".dropped.overload");
                return false;
            }
            Queue<Runnable> queue = queues.get(key);
            startDrain = queue == null;
            if (startDrain) {
                queue = new ArrayDeque<>();
                queues.put(key, queue);
            }
            queue.add(task);
            queued++;
        }
        if (startDrain) {
            try {
                pool.execute(() -> drain(key));
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    queued -= queues.remove(key).size();
                }
                counters.increment(name + ".dropped.overload");
                return false;
            }
        }
        return true;
    }

    private void drain(Object key) {
        while (true) {
            Runnable next;
            synchronized (this) {
                Queue<Runnable> queue = queues.get(key);
                next = queue.poll();
                if (next == null) {
                    queues.remove(key);
                    return;
                }
                queued--;
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                counters.increment(name + ".task_failures");
                log.error("{}: a task for {} failed", name, key, e);
            }
        }
    }

    /** Refuses new tasks, lets queued ones finish for up to {@code timeoutMillis}. */
    public void shutdown(long timeoutMillis) throws InterruptedException {
        synchronized (this) {
            shutdown = true;
        }
        pool.shutdown();
        pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}

package io.weft.lab;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Reads something again and again until it satisfies a condition, instead of sleeping for
 * a time that is either too long or too short. A read that throws (the API not up yet)
 * counts as not yet; on timeout the failure shows the last value or error read.
 */
final class Poll {
    private static final long INTERVAL_MILLIS = 100;

    private Poll() {
    }

    /** What satisfied the condition, and how long after the start of the poll. */
    record Outcome<T>(T value, double seconds) {
    }

    static <T> Outcome<T> until(String what, Duration timeout, Supplier<T> read, Predicate<? super T> done) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = read.get();
                lastError = null;
                if (done.test(last)) {
                    return new Outcome<>(last, (System.nanoTime() - start) / 1e9);
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionFailedError("gave up after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last read: " + (lastError != null ? lastError : String.valueOf(last)), lastError);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}

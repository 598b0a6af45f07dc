package io.weft.southbound.retry;

import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.FlowSlot;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.event.EventListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FlowRuleService} that sends failed rules again. An added or modified rule that the
 * switch refused, or whose batch's barrier was not answered in time, is re-sent after
 * {@link FlowRetryConfig#delay} (1 s, doubling, at most 60 s, with jitter, by default); after
 * {@link FlowRetryConfig#maxAttempts} retries that failed as well it is given up, and its entry
 * stays {@link FlowEntry.State#FAILED} with an error saying so. The app's own future fails as
 * the wrapped service fails it: retrying happens beside it, not instead of telling the app.
 *
 * <p>Never a storm: the retries due for one device go out as one batch, at most one retry batch
 * per device is in flight, and retries of the rules that failed together share one jittered
 * delay, so there are never more retry batches than failed batches.
 *
 * <p>Not retried: a refused {@link FlowOperation.Type#REMOVE} (a rule that stayed is the audit's
 * to find), and anything of a device that is not connected or disconnects: its waiting retries
 * are cancelled, and what it holds after it reconnects is the audit's to repair. A retry is
 * cancelled as well when its rule's app sends anything for the same place (table, priority and
 * match) again, and skipped when, once due, the entry in that place is no longer the same failed
 * rule.
 *
 * <p>{@link #rules} and {@link #entry} show the retries: attempts so far and when the next is
 * due, or that they were given up. Counters, one per rule: {@code flows.retry.scheduled},
 * {@code .sent}, {@code .succeeded}, {@code .gave_up}, {@code .cancelled}. {@link #sendDue} must
 * be called every {@link FlowRetryConfig#tick} (the controller's timer does).
 */
public final class RetryingFlowRuleService implements FlowRuleService {
    private static final Logger log = LoggerFactory.getLogger(RetryingFlowRuleService.class);

    private final FlowRuleService delegate;
    private final FlowRetryConfig config;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final Counters counters;
    /** Devices that ever had a failed rule; kept, so that a device's lock is always the same object. */
    private final Map<DeviceId, DeviceRetries> devices = new ConcurrentHashMap<>();

    /** One failed rule's retries; guarded by its device's lock. */
    private static final class Retry {
        final FlowOperation operation;
        /** Sends of the rule by this service so far. */
        int attempts;
        /** When the next send is due; null while one is in flight, and once given up. */
        Instant due;
        boolean gaveUp;
        String lastError;

        Retry(FlowOperation operation, Instant due, String error) {
            this.operation = operation;
            this.due = due;
            this.lastError = error;
        }
    }

    /** One device's retries, in the order they failed; the object is the device's lock. */
    private static final class DeviceRetries {
        final Map<FlowSlot, Retry> retries = new LinkedHashMap<>();
        /** A retry batch is in flight: its retries have no due time until it settles. */
        boolean sending;
        /** No retry waiting is due before this (it may be earlier than any, after cancellations); null: none waits. */
        Instant nextDue;

        void scheduled(Instant due) {
            nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
        }

        /** Drops every retry but those given up (they still explain their entries); how many it dropped. */
        int cancelAll() {
            int cancelled = 0;
            for (Iterator<Retry> it = retries.values().iterator(); it.hasNext(); ) {
                if (!it.next().gaveUp) {
                    it.remove();
                    cancelled++;
                }
            }
            nextDue = null;
            return cancelled;
        }
    }

    /**
     * @param jitter a uniform random number in [0, 1) at each call; how much of the backoff's
     *               random half is waited
     */
    public RetryingFlowRuleService(FlowRuleService delegate, FlowRetryConfig config, Clock clock,
                                   DoubleSupplier jitter, Counters counters) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Sends {@code operations} through the wrapped service; the rules it fails are retried. */
    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        forget(device, operations);
        CompletableFuture<Void> sent;
        try {
            sent = delegate.apply(device, operations);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // The app learns of the failure once its retries are scheduled, so that it sees them, and
        // with the very exception the wrapped service failed it with.
        CompletableFuture<Void> done = new CompletableFuture<>();
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
                return;
            }
            try {
                failed(device, operations, unwrap(failure));
            } finally {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /** The app sends something new for these places: whatever retries wait there are moot. */
    private void forget(DeviceId device, List<FlowOperation> operations) {
        DeviceRetries retries = devices.get(device);
        if (retries == null) {
            return;
        }
        int cancelled = 0;
        synchronized (retries) {
            if (retries.retries.isEmpty()) {
                return;
            }
            for (FlowOperation op : operations) {
                Retry retry = retries.retries.remove(FlowSlot.of(op.rule()));
                if (retry != null && !retry.gaveUp) {
                    cancelled++;
                }
            }
        }
        if (cancelled > 0) {
            counters.add("flows.retry.cancelled", cancelled);
        }
    }

    /** An app's batch failed: the added and modified rules that may have been refused wait for a retry. */
    private void failed(DeviceId device, List<FlowOperation> operations, Throwable cause) {
        if (cause instanceof DeviceNotConnectedException) {
            cancelAll(device);
            return;
        }
        if (config.maxAttempts() == 0) {
            return;
        }
        Instant due = clock.instant().plus(config.delay(0, jitter.getAsDouble()));
        DeviceRetries retries = devices.computeIfAbsent(device, d -> new DeviceRetries());
        int scheduled = 0;
        synchronized (retries) {
            for (FlowOperation op : operations) {
                if (refused(op, cause)) {
                    retries.retries.put(FlowSlot.of(op.rule()), new Retry(op, due, error(op, cause)));
                    retries.scheduled(due);
                    scheduled++;
                }
            }
        }
        counters.add("flows.retry.scheduled", scheduled);
    }

    /**
     * Sends every retry that is due, one batch per device that has none in flight. Retries whose
     * place now holds something else than their failed rule are dropped.
     */
    public void sendDue() {
        Instant now = clock.instant();
        devices.forEach((device, retries) -> sendDue(device, retries, now));
    }

    private void sendDue(DeviceId device, DeviceRetries retries, Instant now) {
        List<Retry> batch = new ArrayList<>();
        int cancelled = 0;
        CompletableFuture<Void> sent;
        // Sent with the device's lock held: an app's later rule for the same place, which has to
        // take the lock to cancel the retry, is then written to the switch after the retry, not before.
        synchronized (retries) {
            if (retries.sending || retries.nextDue == null || retries.nextDue.isAfter(now)) {
                return;
            }
            Instant next = null;
            for (Iterator<Retry> it = retries.retries.values().iterator(); it.hasNext(); ) {
                Retry retry = it.next();
                if (retry.gaveUp || retry.due == null) {
                    continue;
                }
                if (retry.due.isAfter(now)) {
                    next = next == null || retry.due.isBefore(next) ? retry.due : next;
                } else if (stillFailed(retry)) {
                    batch.add(retry);
                } else {
                    it.remove();
                    cancelled++;
                }
            }
            retries.nextDue = next;
            if (batch.isEmpty()) {
                sent = null;
            } else {
                batch.forEach(retry -> {
                    retry.attempts++;
                    retry.due = null;
                });
                retries.sending = true;
                sent = send(device, batch);
            }
        }
        counters.add("flows.retry.cancelled", cancelled);
        if (sent != null) {
            counters.add("flows.retry.sent", batch.size());
            sent.whenComplete((ok, failure) -> retried(device, retries, batch,
                    failure == null ? null : unwrap(failure)));
        }
    }

    private CompletableFuture<Void> send(DeviceId device, List<Retry> batch) {
        try {
            return delegate.apply(device, batch.stream().map(r -> r.operation).toList());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether the wrapped service still holds the retry's rule, failed, in its place. */
    private boolean stillFailed(Retry retry) {
        FlowRule rule = retry.operation.rule();
        return delegate.entry(rule).filter(e -> e.rule().equals(rule) && e.state() == FlowEntry.State.FAILED)
                .isPresent();
    }

    /** A retry batch settled: confirmed rules are done, refused ones wait longer or are given up. */
    private void retried(DeviceId device, DeviceRetries retries, List<Retry> batch, Throwable cause) {
        if (cause instanceof DeviceNotConnectedException) {
            int cancelled;
            synchronized (retries) {
                retries.sending = false;
                cancelled = retries.cancelAll();
            }
            counters.add("flows.retry.cancelled", cancelled);
            return;
        }
        Instant now = clock.instant();
        double random = jitter.getAsDouble();
        int succeeded = 0;
        int scheduled = 0;
        List<Retry> gaveUp = new ArrayList<>();
        synchronized (retries) {
            retries.sending = false;
            for (Retry retry : batch) {
                FlowSlot slot = FlowSlot.of(retry.operation.rule());
                if (retries.retries.get(slot) != retry) {
                    continue; // the app sent something else there meanwhile: counted as cancelled then
                }
                if (cause == null || !refused(retry.operation, cause)) {
                    retries.retries.remove(slot);
                    succeeded++;
                } else if (retry.attempts >= config.maxAttempts()) {
                    retry.gaveUp = true;
                    retry.lastError = error(retry.operation, cause);
                    gaveUp.add(retry);
                } else {
                    retry.lastError = error(retry.operation, cause);
                    retry.due = now.plus(config.delay(retry.attempts, random));
                    retries.scheduled(retry.due);
                    scheduled++;
                }
            }
        }
        counters.add("flows.retry.succeeded", succeeded);
        counters.add("flows.retry.scheduled", scheduled);
        counters.add("flows.retry.gave_up", gaveUp.size());
        if (!gaveUp.isEmpty()) {
            log.warn("{}: gave up sending {} failed rule(s) again after {} attempt(s); the last error: {}", device,
                    gaveUp.size(), config.maxAttempts(), gaveUp.get(0).lastError);
        }
    }

    /** The device is gone: nothing waits for it any more, and a batch in flight will not be followed up. */
    private void cancelAll(DeviceId device) {
        DeviceRetries retries = devices.get(device);
        if (retries == null) {
            return;
        }
        int cancelled;
        synchronized (retries) {
            cancelled = retries.cancelAll();
        }
        counters.add("flows.retry.cancelled", cancelled);
    }

    /** A device that disconnects cancels its retries; after it reconnects, the audit repairs its tables. */
    public void onDeviceEvent(DeviceEvent event) {
        if (event.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            cancelAll(event.device().id());
        }
    }

    private static boolean refused(FlowOperation op, Throwable cause) {
        return op.type() != FlowOperation.Type.REMOVE
                && (!(cause instanceof FlowOperationException refusal) || refusal.mayHaveRefused(op));
    }

    private static String error(FlowOperation op, Throwable cause) {
        if (cause instanceof FlowOperationException refusal) {
            return refusal.refusals().stream().filter(r -> r.operation().equals(op))
                    .map(FlowOperationException.Refusal::error).findFirst().orElse(refusal.getMessage());
        }
        return String.valueOf(cause.getMessage());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        return delegate.read(device, cookie, cookieMask);
    }

    /** The wrapped service's entries, with their retries. */
    @Override
    public List<FlowEntry> rules(DeviceId device) {
        List<FlowEntry> entries = delegate.rules(device);
        DeviceRetries retries = devices.get(device);
        if (retries == null) {
            return entries;
        }
        synchronized (retries) {
            return retries.retries.isEmpty() ? entries : entries.stream().map(e -> withRetry(retries, e)).toList();
        }
    }

    @Override
    public Optional<FlowEntry> entry(FlowRule rule) {
        Optional<FlowEntry> entry = delegate.entry(rule);
        DeviceRetries retries = devices.get(rule.device());
        if (retries == null || entry.isEmpty()) {
            return entry;
        }
        synchronized (retries) {
            return Optional.of(withRetry(retries, entry.get()));
        }
    }

    /** Called with the device's lock held; forgets a given-up retry whose place holds something else now. */
    private FlowEntry withRetry(DeviceRetries retries, FlowEntry entry) {
        FlowSlot slot = FlowSlot.of(entry.rule());
        Retry retry = retries.retries.get(slot);
        if (retry == null) {
            return entry;
        }
        boolean failed = entry.state() == FlowEntry.State.FAILED;
        if (!retry.operation.rule().equals(entry.rule()) || (retry.gaveUp && !failed)) {
            if (retry.gaveUp) {
                retries.retries.remove(slot);
            }
            return entry;
        }
        if (retry.gaveUp && failed) {
            return entry.givenUp(retry.attempts, "gave up after " + retry.attempts + " attempt(s): "
                    + entry.error().orElse(retry.lastError));
        }
        if (!retry.gaveUp && retry.due != null && failed) {
            return entry.retrying(retry.attempts, Optional.of(retry.due));
        }
        if (!retry.gaveUp && retry.due == null && entry.state() == FlowEntry.State.PENDING) {
            return entry.retrying(retry.attempts, Optional.empty());
        }
        return entry;
    }

    /** Only rules Weft believed installed are forgotten, and those have no retry to cancel. */
    @Override
    public void forget(FlowRule rule) {
        delegate.forget(rule);
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        delegate.addFlowRemovedListener(listener);
    }
}

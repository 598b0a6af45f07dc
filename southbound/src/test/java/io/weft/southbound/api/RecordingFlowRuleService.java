package io.weft.southbound.api;

import io.weft.topology.event.EventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.onosproject.net.DeviceId;

/**
 * Stands in for the southbound's flow rule service in tests: records every operation and
 * answers with the result the test chose (confirmed by default), keeping a {@link FlowTable}
 * as the real one does. Not thread-safe; tests drive it from one thread.
 */
public final class RecordingFlowRuleService implements FlowRuleService {
    private final List<FlowOperation> operations = new ArrayList<>();
    private final List<EventListener<FlowRemovedEvent>> listeners = new ArrayList<>();
    private final FlowTable table = new FlowTable();
    private final List<List<FlowOperation>> batches = new ArrayList<>();
    private BiFunction<DeviceId, List<FlowOperation>, CompletableFuture<Void>> result =
            (d, ops) -> CompletableFuture.completedFuture(null);

    /**
     * Records the batch and answers as the test chose. An operation is failed in the table when
     * the answer fails and does not say it was confirmed (a {@link FlowOperationException} with
     * refusals that leave it out); the others are confirmed.
     */
    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> batch) {
        batches.add(List.copyOf(batch));
        batch.forEach(op -> {
            operations.add(op);
            table.sent(op);
        });
        CompletableFuture<Void> answer = result.apply(device, List.copyOf(batch));
        return answer.whenComplete((ok, failure) -> {
            Throwable error = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            batch.forEach(op -> {
                if (error == null || (error instanceof FlowOperationException refused && !refused.mayHaveRefused(op))) {
                    table.confirmed(op);
                } else {
                    table.failed(op, error.toString());
                }
            });
        });
    }

    @Override
    public Optional<FlowEntry> entry(FlowRule rule) {
        return table.entry(rule);
    }

    /** The rules this service believes the device holds: a switch that keeps everything it is sent. */
    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        return CompletableFuture.completedFuture(table.entries(device).stream().map(FlowEntry::rule)
                .filter(rule -> (rule.cookie() & cookieMask) == (cookie & cookieMask)).toList());
    }

    @Override
    public void forget(FlowRule rule) {
        table.forget(rule);
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return table.entries(device);
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        listeners.add(listener);
    }

    /** Makes every later batch fail with {@code error}, as a switch refusing it would. */
    public void failWith(RuntimeException error) {
        result = (d, ops) -> CompletableFuture.failedFuture(error);
    }

    /** Answers every later batch with what {@code answer} returns: a test may keep the future and settle it later. */
    public void answerWith(BiFunction<DeviceId, List<FlowOperation>, CompletableFuture<Void>> answer) {
        result = answer;
    }

    /** Every batch applied so far, in order. */
    public List<List<FlowOperation>> batches() {
        return List.copyOf(batches);
    }

    /** Every operation applied so far, in order. */
    public List<FlowOperation> operations() {
        return List.copyOf(operations);
    }

    /** The rules added so far, in order. */
    public List<FlowRule> added() {
        return operations.stream().filter(op -> op.type() == FlowOperation.Type.ADD).map(FlowOperation::rule)
                .toList();
    }

    /** Tells the listeners a switch removed a rule. */
    public void flowRemoved(FlowRemovedEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }
}

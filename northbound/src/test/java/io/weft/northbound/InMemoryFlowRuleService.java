package io.weft.northbound;

import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.FlowTable;
import io.weft.topology.event.EventListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.onosproject.net.DeviceId;

/**
 * A {@link FlowRuleService} without switches, for tests of anything that programs or shows
 * flow rules. By default every device confirms every operation at once; a device can be told
 * to {@link #refuse} them (the future fails with {@link FlowOperationException}, the rules are
 * FAILED), to {@link #hold} them (rules stay PENDING and the future never completes), or to be
 * {@link #disconnect}ed. It keeps what it was asked, in order, in {@link #applied()}. It retries
 * nothing, but can show an entry as a retrier would ({@link #retrying}, {@link #givenUp}).
 */
public final class InMemoryFlowRuleService implements FlowRuleService {
    private final FlowTable table = new FlowTable();
    private final Map<DeviceId, String> refusing = new ConcurrentHashMap<>();
    private final Set<DeviceId> holding = ConcurrentHashMap.newKeySet();
    private final Set<DeviceId> disconnected = ConcurrentHashMap.newKeySet();
    private final List<FlowOperation> applied = Collections.synchronizedList(new ArrayList<>());
    private final List<EventListener<FlowRemovedEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<FlowRule, UnaryOperator<FlowEntry>> retries = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        if (disconnected.contains(device)) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        applied.addAll(operations);
        operations.forEach(table::sent);
        if (holding.contains(device)) {
            return new CompletableFuture<>();
        }
        String reason = refusing.get(device);
        if (reason != null) {
            operations.forEach(op -> table.failed(op, reason));
            return CompletableFuture.failedFuture(new FlowOperationException(device,
                    operations.stream().map(op -> reason).toList()));
        }
        operations.forEach(table::confirmed);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        if (disconnected.contains(device)) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        return CompletableFuture.completedFuture(table.entries(device).stream().map(FlowEntry::rule)
                .filter(rule -> (rule.cookie() & cookieMask) == (cookie & cookieMask)).toList());
    }

    @Override
    public void forget(FlowRule rule) {
        table.forget(rule);
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return table.entries(device).stream()
                .map(e -> retries.getOrDefault(e.rule(), UnaryOperator.identity()).apply(e)).toList();
    }

    /** Shows {@code rule}'s entry as a retrier would while it waits to send it again. */
    public InMemoryFlowRuleService retrying(FlowRule rule, int attempts, Optional<Instant> next) {
        retries.put(rule, e -> e.retrying(attempts, next));
        return this;
    }

    /** Shows {@code rule}'s entry as a retrier would once it gave up. */
    public InMemoryFlowRuleService givenUp(FlowRule rule, int attempts, String error) {
        retries.put(rule, e -> e.givenUp(attempts, error));
        return this;
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        listeners.add(listener);
    }

    /** Later operations on {@code device} fail with this reason. */
    public InMemoryFlowRuleService refuse(DeviceId device, String reason) {
        refusing.put(device, reason);
        return this;
    }

    /** Later operations on {@code device} are sent and never confirmed. */
    public InMemoryFlowRuleService hold(DeviceId device) {
        holding.add(device);
        return this;
    }

    /** Later operations on {@code device} fail with {@link DeviceNotConnectedException}, as for a switch that left. */
    public InMemoryFlowRuleService disconnect(DeviceId device) {
        disconnected.add(device);
        return this;
    }

    /** The switch removed a rule by itself (a timeout, say): it leaves the table and listeners are told. */
    public void switchRemoved(FlowRemovedEvent event) {
        table.removed(event);
        listeners.forEach(l -> l.onEvent(event));
    }

    /** Every operation applied, in order, refused ones included. */
    public List<FlowOperation> applied() {
        return List.copyOf(applied);
    }
}

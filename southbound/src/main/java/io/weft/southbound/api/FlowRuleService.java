package io.weft.southbound.api;

import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.onosproject.net.DeviceId;

/** Programs devices' flow tables. */
public interface FlowRuleService {
    /**
     * Sends {@code operations} to {@code device} in order, followed by a barrier. The
     * future completes when the switch has confirmed all of them, or fails with
     * {@link FlowOperationException} naming the switch's errors, with
     * {@link DeviceNotConnectedException} if the device is or becomes disconnected, or with
     * a {@link java.util.concurrent.TimeoutException} if the barrier is not answered in time.
     */
    CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations);

    default CompletableFuture<Void> install(FlowRule rule) {
        return apply(rule.device(), List.of(FlowOperation.add(rule)));
    }

    default CompletableFuture<Void> remove(FlowRule rule) {
        return apply(rule.device(), List.of(FlowOperation.remove(rule)));
    }

    /** The rules Weft has sent to {@code device} and believes are there, with their state. */
    List<FlowEntry> rules(DeviceId device);

    /** Told when a switch removes a rule on its own (timeout) or because it was deleted. */
    void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener);
}

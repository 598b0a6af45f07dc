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

    /**
     * The rules {@code device} holds whose cookie equals {@code cookie} in the bits set in
     * {@code cookieMask}, as the switch reports them now (not as Weft believes they are). A rule
     * the model cannot express (other match fields, instructions or actions) is left out and
     * counted. Fails as {@link #apply} does when the switch refuses, goes away or does not answer.
     */
    CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask);

    /**
     * Weft no longer believes the rule's device holds it: the switch was found without it, and it
     * is not to be put back (its timeout ran out while nobody was told). A rule of the same
     * identity that replaced it meanwhile stays.
     */
    void forget(FlowRule rule);

    /** The rules Weft has sent to {@code device} and believes are there, with their state. */
    List<FlowEntry> rules(DeviceId device);

    /** Told when a switch removes a rule on its own (timeout) or because it was deleted. */
    void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener);
}

package io.weft.southbound.api;

import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.Optional;
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
     *
     * <p>When a {@link FlowOperationException} says which operations were refused
     * ({@link FlowOperationException#refusals}), only their rules are {@link FlowEntry.State#FAILED};
     * the batch's other operations were confirmed by the barrier and stand as if the batch had
     * succeeded. When it cannot say, and on a timeout or disconnect, every added or modified rule
     * of the batch is failed. A failure of this future is the app's to act on; whether the
     * service retries failed rules on its own is up to the implementation.
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

    /**
     * The entry in the place {@code rule} would take on its device (same table, priority and
     * match), whichever rule holds it now; empty if none does.
     */
    default Optional<FlowEntry> entry(FlowRule rule) {
        return rules(rule.device()).stream().filter(e -> e.rule().table() == rule.table()
                && e.rule().priority() == rule.priority() && e.rule().match().equals(rule.match())).findFirst();
    }

    /** Told when a switch removes a rule on its own (timeout) or because it was deleted. */
    void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener);
}

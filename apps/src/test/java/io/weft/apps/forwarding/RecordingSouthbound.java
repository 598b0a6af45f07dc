package io.weft.apps.forwarding;

import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.event.EventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.onosproject.net.DeviceId;

/** Stands in for the southbound: records the rules and packets an app asks for. */
final class RecordingSouthbound implements FlowRuleService, PacketService {
    final List<FlowRule> installed = new ArrayList<>();
    final List<OutboundPacket> emitted = new ArrayList<>();
    /** Packet-ins answered with a rule, and the rule. */
    final List<Answer> answered = new ArrayList<>();
    boolean answerResult = true;

    record Answer(InboundPacket packet, FlowRule rule) {
    }

    CompletableFuture<Void> nextResult = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        operations.forEach(op -> installed.add(op.rule()));
        return nextResult;
    }

    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void forget(FlowRule rule) {
        throw new UnsupportedOperationException("forwarding never forgets rules");
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return List.of();
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
    }

    @Override
    public void addProcessor(int order, PacketProcessor processor, Execution execution) {
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        emitted.add(packet);
        return true;
    }

    @Override
    public boolean installAndApply(InboundPacket packet, FlowRule rule) {
        PacketService.requireAnswerable(packet, rule);
        answered.add(new Answer(packet, rule));
        return answerResult;
    }
}

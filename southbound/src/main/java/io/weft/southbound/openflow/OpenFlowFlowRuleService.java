package io.weft.southbound.openflow;

import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowTable;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Flow rules over OpenFlow: each batch is a run of flow mods ended by a barrier. */
public final class OpenFlowFlowRuleService implements FlowRuleService {
    private final SwitchRegistry registry;
    private final EventDispatcher dispatcher;

    private final FlowTable table = new FlowTable();

    public OpenFlowFlowRuleService(SwitchRegistry registry, EventDispatcher dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        dispatcher.addListener(FlowRemovedEvent.class, table::removed);
    }

    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        Optional<SwitchSession> session = registry.session(device).filter(SwitchSession::isActive);
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        List<OFMessage> messages = operations.stream()
                .<OFMessage>map(op -> OpenFlowTranslator.flowMod(session.get().factory(), op))
                .toList();
        operations.forEach(table::sent);
        return session.get().sendConfirmed(messages).whenComplete((ok, failure) -> {
            if (failure == null) {
                operations.forEach(table::confirmed);
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                operations.forEach(op -> table.failed(op, String.valueOf(cause.getMessage())));
            }
        });
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return table.entries(device);
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        dispatcher.addListener(FlowRemovedEvent.class, listener);
    }
}

package io.weft.southbound.openflow;

import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Flow rules over OpenFlow: each batch is a run of flow mods ended by a barrier. */
public final class OpenFlowFlowRuleService implements FlowRuleService {
    private final SwitchRegistry registry;
    private final EventDispatcher dispatcher;

    public OpenFlowFlowRuleService(SwitchRegistry registry, EventDispatcher dispatcher) {
        this.registry = registry;
        this.dispatcher = dispatcher;
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
        return session.get().sendConfirmed(messages);
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        dispatcher.addListener(FlowRemovedEvent.class, listener);
    }
}

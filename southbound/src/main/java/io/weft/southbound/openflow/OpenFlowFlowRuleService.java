package io.weft.southbound.openflow;

import io.netty.buffer.ByteBufAllocator;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowTable;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;

/**
 * Flow rules over OpenFlow: each batch is a run of flow mods ended by a barrier. Rules whose
 * actions are all outputs are written by {@link FlowModWriter}, others through openflowj.
 */
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
        Optional<SwitchSession> found = registry.session(device).filter(SwitchSession::isActive);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        SwitchSession session = found.get();
        OFFactory factory = session.factory();
        ByteBufAllocator alloc = session.channel().alloc();
        List<Long> xids = new ArrayList<>(operations.size());
        List<Object> messages = new ArrayList<>(operations.size());
        for (FlowOperation op : operations) {
            long xid = session.nextXid();
            xids.add(xid);
            messages.add(FlowModWriter.handles(op.rule())
                    ? FlowModWriter.write(alloc, factory.getVersion(), xid, op.type(), op.rule(), OptionalInt.empty(), true)
                    : OpenFlowTranslator.flowMod(factory, op).createBuilder().setXid(xid).build());
            table.sent(op);
        }
        return session.sendConfirmed(xids, messages).whenComplete((ok, failure) -> {
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

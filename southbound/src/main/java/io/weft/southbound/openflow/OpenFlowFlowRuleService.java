package io.weft.southbound.openflow;

import io.weft.metrics.Counters;
import io.netty.buffer.ByteBufAllocator;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowTable;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Flow rules over OpenFlow: each batch is a run of flow mods ended by a barrier. Rules whose
 * actions are all outputs are written by {@link FlowModWriter}, others through openflowj.
 */
public final class OpenFlowFlowRuleService implements FlowRuleService {
    private final SwitchRegistry registry;
    private final EventDispatcher dispatcher;
    private final Counters counters;

    private final FlowTable table = new FlowTable();

    public OpenFlowFlowRuleService(SwitchRegistry registry, EventDispatcher dispatcher, Counters counters) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.counters = counters;
        dispatcher.addListener(FlowRemovedEvent.class, table::removed);
    }

    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        Optional<SwitchSession> found = registry.session(device).filter(SwitchSession::isActive);
        if (found.isEmpty()) {
            DeviceNotConnectedException notConnected = new DeviceNotConnectedException(device);
            // Removals are wanted all the same: what the switch still holds, the audit removes.
            operations.stream().filter(op -> op.type() == FlowOperation.Type.REMOVE)
                    .forEach(op -> table.failed(op, notConnected.getMessage()));
            return CompletableFuture.failedFuture(notConnected);
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
        counters.add("openflow.flow_mods.sent", messages.size());
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.sendConfirmed(xids, messages).whenComplete((ok, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                operations.forEach(table::confirmed);
                done.complete(null);
            } else if (cause instanceof RefusedBatch refused) {
                done.completeExceptionally(settleRefused(device, operations, xids, refused));
            } else {
                operations.forEach(op -> table.failed(op, String.valueOf(cause.getMessage())));
                done.completeExceptionally(cause);
            }
        });
        return done;
    }

    /**
     * The switch refused some messages of the batch: their operations failed, each with its error,
     * and the others were confirmed by the barrier all the same. Marked in the batch's order, so a
     * later operation on the same rule has the last word.
     */
    private FlowOperationException settleRefused(DeviceId device, List<FlowOperation> operations, List<Long> xids,
                                                 RefusedBatch refused) {
        Map<Long, Integer> indexByXid = new HashMap<>();
        for (int i = 0; i < xids.size(); i++) {
            indexByXid.put(xids.get(i), i);
        }
        Map<Integer, String> errorByIndex = new HashMap<>();
        List<FlowOperationException.Refusal> refusals = new ArrayList<>();
        for (RefusedBatch.Error error : refused.errors()) {
            // The session charges a batch only the errors for its own messages' xids.
            int index = indexByXid.get(error.xid());
            errorByIndex.merge(index, error.text(), (a, b) -> a + "; " + b);
            refusals.add(new FlowOperationException.Refusal(operations.get(index), error.text()));
        }
        for (int i = 0; i < operations.size(); i++) {
            String error = errorByIndex.get(i);
            if (error == null) {
                table.confirmed(operations.get(i));
            } else {
                table.failed(operations.get(i), error);
            }
        }
        return FlowOperationException.refused(device, refusals);
    }

    /** A rule the switch confirmed during its handshake, before it could take batches. */
    void confirmedInHandshake(FlowRule rule) {
        FlowOperation add = FlowOperation.add(rule);
        table.sent(add);
        table.confirmed(add);
    }

    @Override
    public void forget(FlowRule rule) {
        table.forget(rule);
    }

    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        Optional<SwitchSession> session = registry.session(device).filter(SwitchSession::isActive);
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        OFFactory factory = session.get().factory();
        OFFlowStatsRequest.Builder request = factory.buildFlowStatsRequest()
                .setMatch(factory.buildMatch().build())
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY);
        if (factory.getVersion() != OFVersion.OF_10) {
            // OpenFlow 1.0 cannot filter by cookie: its rules are filtered here.
            request.setOutGroup(OFGroup.ANY).setCookie(U64.of(cookie)).setCookieMask(U64.of(cookieMask));
        }
        return session.get().request(request.build()).thenApply(replies -> {
            List<FlowRule> rules = new ArrayList<>();
            for (OFStatsReply reply : replies) {
                for (OFFlowStatsEntry entry : ((OFFlowStatsReply) reply).getEntries()) {
                    if ((entry.getCookie().getValue() & cookieMask) != (cookie & cookieMask)) {
                        continue;
                    }
                    Optional<FlowRule> rule = OpenFlowTranslator.flowRule(device, entry);
                    if (rule.isPresent()) {
                        rules.add(rule.get());
                    } else {
                        counters.increment("flows.read.inexpressible");
                    }
                }
            }
            return List.copyOf(rules);
        });
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return table.entries(device);
    }

    @Override
    public Optional<FlowEntry> entry(FlowRule rule) {
        return table.entry(rule);
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        dispatcher.addListener(FlowRemovedEvent.class, listener);
    }
}

package io.weft.southbound.openflow;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets in and out over OpenFlow. A packet-in is parsed and run through the inline
 * processors on the switch's event loop, which keeps each switch's packets in order without
 * a queue or a thread hop; from the first worker processor on, it continues on a bounded
 * executor, one packet of a switch at a time, and is dropped and counted when that is full.
 */
public final class OpenFlowPacketService implements PacketService {
    private static final Logger log = LoggerFactory.getLogger(OpenFlowPacketService.class);

    private record Registration(int order, long sequence, PacketProcessor processor, Execution execution) {
    }

    /** The processors in order, and how many of the first run inline. Replaced whole, never changed. */
    private record Chain(List<Registration> processors, int inline) {
        static Chain of(List<Registration> registrations) {
            List<Registration> sorted = registrations.stream().sorted(Comparator.comparingInt(Registration::order)
                    .thenComparingLong(Registration::sequence)).toList();
            int inline = 0;
            while (inline < sorted.size() && sorted.get(inline).execution() == Execution.INLINE) {
                inline++;
            }
            return new Chain(sorted, inline);
        }

        boolean allInline() {
            return inline == processors.size();
        }
    }

    private final SwitchRegistry registry;
    private final KeyedSerialExecutor executor;
    private final Counters counters;
    private final List<Registration> registrations = new ArrayList<>();
    private volatile Chain chain = Chain.of(List.of());

    public OpenFlowPacketService(SwitchRegistry registry, KeyedSerialExecutor executor, Counters counters) {
        this.registry = registry;
        this.executor = executor;
        this.counters = counters;
    }

    @Override
    public synchronized void addProcessor(int order, PacketProcessor processor, Execution execution) {
        registrations.add(new Registration(order, registrations.size(), processor, execution));
        chain = Chain.of(registrations);
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        Optional<SwitchSession> session = registry.session(packet.device()).filter(SwitchSession::isActive);
        if (session.isEmpty()) {
            counters.increment("packet_out.dropped.not_connected");
            return false;
        }
        SwitchSession s = session.get();
        boolean sent = s.sendBestEffort(OpenFlowTranslator.packetOut(s.factory(), s.nextXid(), packet),
                "packet_out.dropped.congested");
        if (sent) {
            counters.increment("packet_out.sent");
        }
        return sent;
    }

    @Override
    public boolean installAndApply(InboundPacket packet, FlowRule rule) {
        PacketService.requireAnswerable(packet, rule);
        Optional<SwitchSession> found = registry.session(packet.device()).filter(SwitchSession::isActive);
        if (found.isEmpty()) {
            counters.increment("flow_mod.unconfirmed.dropped.not_connected");
            return false;
        }
        SwitchSession session = found.get();
        if (!session.acceptsBestEffort()) {
            counters.increment("flow_mod.unconfirmed.dropped.congested");
            return false;
        }
        long xid = session.nextUnconfirmedXid();
        if (FlowModWriter.handles(rule)) {
            session.send(FlowModWriter.write(session.channel().alloc(), session.factory().getVersion(), xid,
                    FlowOperation.Type.ADD, rule, packet.bufferId(), false));
        } else {
            session.send(OpenFlowTranslator.reactiveFlowAdd(session.factory(), xid, rule, packet.bufferId()));
        }
        if (packet.bufferId().isEmpty()) {
            session.send(OpenFlowTranslator.packetOut(session.factory(), session.nextUnconfirmedXid(),
                    new OutboundPacket(packet.device(), packet.inPort(), rule.actions(), packet.data(),
                            OptionalInt.empty())));
        }
        counters.increment("flow_mod.unconfirmed.sent");
        return true;
    }

    /** Called on the switch's event loop. */
    void packetIn(SwitchSession session, PacketIn packetIn) {
        counters.increment("packet_in.received");
        Chain current = chain;
        if (current.inline() == 0 && !current.allInline()) {
            executor.submit(session.deviceId(), () -> {
                PacketContext context = context(session, packetIn);
                if (context != null) {
                    run(current, context, 0);
                }
            });
            return;
        }
        PacketContext context = context(session, packetIn);
        if (context == null) {
            return;
        }
        if (current.allInline()) {
            run(current, context, 0);
        } else {
            runUntil(current, context, 0, current.inline());
            executor.submit(session.deviceId(), () -> run(current, context, current.inline()));
        }
    }

    /** The packet-in as processors see it; null, counted, if it is not even an Ethernet frame. */
    private PacketContext context(SwitchSession session, PacketIn packetIn) {
        byte[] data = packetIn.data();
        Ethernet frame;
        try {
            frame = Ethernet.deserializer().deserialize(data, 0, data.length);
        } catch (DeserializationException | RuntimeException e) {
            // The packet library refuses some valid frames for their payload (a short UDP packet to the
            // DHCP ports, say); forwarding needs only the Ethernet header, so keep the rest as bytes.
            Optional<Ethernet> header = EthernetHeader.parse(data);
            if (header.isEmpty()) {
                counters.increment("packet_in.dropped.unparsable");
                log.debug("switch {}: packet-in of {} bytes not parsable: {}", session.deviceId(), data.length,
                        e.getMessage());
                return null;
            }
            counters.increment("packet_in.header_only");
            frame = header.get();
        }
        return new PacketContext(new InboundPacket(session.deviceId(), packetIn.inPort(), frame, data,
                packetIn.bufferId()));
    }

    /** Runs the processors from {@code from} to the end of the chain. */
    private void run(Chain chain, PacketContext context, int from) {
        runUntil(chain, context, from, chain.processors().size());
        if (!context.isHandled()) {
            counters.increment("packet_in.unhandled");
        }
    }

    private void runUntil(Chain chain, PacketContext context, int from, int to) {
        for (int i = from; i < to; i++) {
            PacketProcessor processor = chain.processors().get(i).processor();
            try {
                processor.process(context);
            } catch (RuntimeException e) {
                counters.increment("packet_in.processor_failures");
                log.error("packet processor {} failed on a packet from {}", processor, context.packet().device(), e);
            }
        }
    }
}

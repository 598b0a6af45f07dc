package io.weft.southbound.openflow;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets in and out over OpenFlow. Packet-ins leave the network thread at once: they are
 * parsed and run through the processors on a bounded executor, one packet of a switch at a
 * time; when it is full they are dropped and counted.
 */
public final class OpenFlowPacketService implements PacketService {
    private static final Logger log = LoggerFactory.getLogger(OpenFlowPacketService.class);

    private record Registration(int order, long sequence, PacketProcessor processor) {
    }

    private final SwitchRegistry registry;
    private final KeyedSerialExecutor executor;
    private final Counters counters;
    private final List<Registration> processors = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    public OpenFlowPacketService(SwitchRegistry registry, KeyedSerialExecutor executor, Counters counters) {
        this.registry = registry;
        this.executor = executor;
        this.counters = counters;
    }

    @Override
    public synchronized void addProcessor(int order, PacketProcessor processor) {
        processors.add(new Registration(order, sequence.getAndIncrement(), processor));
        processors.sort(Comparator.comparingInt(Registration::order).thenComparingLong(Registration::sequence));
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

    /** Called on the switch's event loop. */
    void packetIn(SwitchSession session, OFPacketIn packetIn) {
        counters.increment("packet_in.received");
        executor.submit(session.deviceId(), () -> process(session, packetIn));
    }

    private void process(SwitchSession session, OFPacketIn packetIn) {
        byte[] data = packetIn.getData();
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
                return;
            }
            counters.increment("packet_in.header_only");
            frame = header.get();
        }
        InboundPacket packet = new InboundPacket(session.deviceId(), OpenFlowTranslator.inPort(packetIn), frame,
                data, OpenFlowTranslator.bufferId(packetIn.getBufferId()));
        PacketContext context = new PacketContext(packet);
        for (Registration registration : processors) {
            try {
                registration.processor().process(context);
            } catch (RuntimeException e) {
                counters.increment("packet_in.processor_failures");
                log.error("packet processor {} failed on a packet from {}", registration.processor(),
                        session.deviceId(), e);
            }
        }
        if (!context.isHandled()) {
            counters.increment("packet_in.unhandled");
        }
    }
}

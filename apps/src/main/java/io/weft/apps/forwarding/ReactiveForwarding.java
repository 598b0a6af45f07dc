package io.weft.apps.forwarding;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceEvent;
import java.util.List;
import java.util.Optional;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-switch MAC learning. Each packet-in teaches the switch's table where its source is;
 * a packet to a known destination gets a flow rule (in port, source, destination, with an
 * idle timeout) that the switch applies to it ({@link PacketService#installAndApply}: one flow
 * mod when the switch buffered the packet); anything else is flooded. Link-discovery frames are left to
 * the apps that want them.
 */
public final class ReactiveForwarding implements PacketProcessor {
    public static final AppId APP = new AppId(1, "learning");
    private static final long COOKIE = Cookies.cookie(APP, 0);
    private static final Logger log = LoggerFactory.getLogger(ReactiveForwarding.class);

    private final ForwardingConfig config;
    private final PacketService packets;
    private final Counters counters;
    private final MacTable macs;

    public ReactiveForwarding(ForwardingConfig config, PacketService packets, Counters counters) {
        this.config = config;
        this.packets = packets;
        this.counters = counters;
        this.macs = new MacTable(config.maxHostsPerDevice());
    }

    @Override
    public void process(PacketContext context) {
        if (context.isHandled()) {
            return;
        }
        InboundPacket in = context.packet();
        Ethernet frame = in.parsed();
        short type = frame.getEtherType();
        if (type == Ethernet.TYPE_LLDP || type == Ethernet.TYPE_BSN) {
            return;
        }
        MacAddress src = frame.getSourceMAC();
        MacAddress dst = frame.getDestinationMAC();
        context.markHandled();
        if (!src.isMulticast() && !src.isBroadcast() && !macs.learn(in.device(), src, in.inPort())) {
            counters.increment("forwarding.mac_table_full");
        }
        Optional<PortNumber> out = dst.isMulticast() ? Optional.empty() : macs.lookup(in.device(), dst);
        if (log.isDebugEnabled()) {
            log.debug("{} port {}: {} -> {} type {} out {}", in.device(), in.inPort(), src, dst,
                    Integer.toHexString(type & 0xffff), out.map(Object::toString).orElse("flood"));
        }
        if (out.isEmpty()) {
            counters.increment("forwarding.flooded");
            packets.emit(OutboundPacket.replying(in, List.of(Action.output(PortNumber.FLOOD))));
            return;
        }
        if (out.get().equals(in.inPort())) {
            // The destination sits behind the port the packet came in on: it already got it.
            counters.increment("forwarding.dropped.same_port");
            return;
        }
        TrafficMatch match = new TrafficMatch(Optional.of(in.inPort()), Optional.of(src), Optional.of(dst),
                Optional.empty(), Optional.of(in.vlan()));
        FlowRule rule = new FlowRule(in.device(), 0, config.priority(), match, List.of(Action.output(out.get())),
                COOKIE, config.idleTimeoutSeconds(), 0);
        // The rule is derived from traffic and expires when idle: if it is lost (refused, or the switch
        // congested), the next packet of the conversation asks for it again. So nothing waits for it.
        if (packets.installAndApply(in, rule)) {
            counters.increment("forwarding.rules_requested");
        }
    }

    /** Forgets what was learned on a switch that went away or a port that went down. */
    public void onDeviceEvent(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_DISCONNECTED -> macs.forget(event.device().id());
            case PORT_REMOVED -> event.port().ifPresent(p -> macs.forgetPort(event.device().id(), p.number()));
            case PORT_UPDATED -> event.port().filter(p -> !p.up())
                    .ifPresent(p -> macs.forgetPort(event.device().id(), p.number()));
            default -> {
            }
        }
    }
}

package io.weft.apps.fabric;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.MutableClock;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.device.Port;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import io.weft.topology.host.HostConfig;
import io.weft.topology.host.HostManager;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkManager;
import io.weft.topology.path.LinkWeigher;
import io.weft.topology.path.ReservedPorts;
import io.weft.topology.path.TopologyManager;
import io.weft.topology.virtual.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Set;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * An in-memory fabric for testing apps without a network (STYLE.md 4 and 9): the real
 * device, link, host and topology managers with synchronous events, a flow-rule service
 * that keeps each switch's table, and a packet service that runs processors and delivers
 * packet-outs. {@link #trace} follows a frame through the installed rules and says where it
 * comes out; {@link #send} plays a frame through the controller the way switches would,
 * hop by hop, and says which ports it was delivered out of. Both honour VLAN matches and the
 * tag actions, for a frame with at most one tag, and an output to {@link PortNumber#IN_PORT}.
 */
public final class Fabric implements FlowRuleService, PacketService {
    private static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13");

    private record Processor(int order, PacketProcessor processor) {
    }

    public final Counters counters = new Counters();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final EventDispatcher dispatcher = new EventDispatcher(new KeyedSerialExecutor("events",
            MoreExecutors.newDirectExecutorService(), 1_000_000, counters), counters);
    public final DeviceManager devices = new DeviceManager(dispatcher);
    public final LinkManager links = new LinkManager(dispatcher, clock, Duration.ofSeconds(10), counters);
    public final HostManager hosts = new HostManager(dispatcher, clock, HostConfig.DEFAULTS, counters);
    public final TopologyManager topology;
    /** Every switch's flow table, as the switch would hold it. */
    public final Map<DeviceId, List<FlowRule>> tables = new HashMap<>();
    /** Every packet-out the apps asked for, in order. */
    public final List<OutboundPacket> emitted = new ArrayList<>();
    /** Every flow operation apps applied, in order. */
    public final List<FlowOperation> applied = new ArrayList<>();
    /** What each rule matched in {@link #deliver}, as a switch's flow statistics would count it. */
    public final Map<FlowRule, Traffic> matched = new HashMap<>();
    private final Set<DeviceId> unreadable = new HashSet<>();
    private final List<Processor> processors = new CopyOnWriteArrayList<>();
    private final List<EventListener<FlowRemovedEvent>> removedListeners = new ArrayList<>();

    public Fabric() {
        this(ReservedPorts.NONE);
    }

    /** A fabric whose topology never counts {@code reserved} ports as edge ports (tenants' attachments). */
    public Fabric(ReservedPorts reserved) {
        topology = new TopologyManager(devices, links, dispatcher, clock, Duration.ofSeconds(1), LinkWeigher.HOP_COUNT,
                reserved);
        devices.addListener(links::onDeviceEvent);
        devices.addListener(hosts::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
    }

    public static DeviceId device(long dpid) {
        return DeviceIds.fromDatapathId(dpid);
    }

    public static ConnectPoint point(long dpid, long port) {
        return new ConnectPoint(device(dpid), PortNumber.portNumber(port));
    }

    /** Connects switch {@code dpid} with ports 1..ports, all up, and lets them settle. */
    public Fabric addSwitch(long dpid, int ports) {
        List<Port> list = new ArrayList<>();
        for (int p = 1; p <= ports; p++) {
            list.add(new Port(PortNumber.portNumber(p), "s" + dpid + "-eth" + p, MacAddress.valueOf(dpid << 8 | p),
                    true, 10_000));
        }
        devices.deviceConnected(device(dpid), OVS, list);
        return this;
    }

    /** Cables two ports together: a link each way, as discovery would find them. */
    public Fabric cable(ConnectPoint a, ConnectPoint b) {
        links.linkSeen(new Link(a, b));
        links.linkSeen(new Link(b, a));
        return this;
    }

    /** Takes a port down, as a port-status message would. */
    public void portDown(ConnectPoint point) {
        setPort(point, false);
    }

    public void portUp(ConnectPoint point) {
        setPort(point, true);
    }

    private void setPort(ConnectPoint point, boolean up) {
        Port port = devices.device(point.device()).orElseThrow().port(point.port()).orElseThrow();
        devices.portUpdated(point.device(), new Port(port.number(), port.name(), port.mac(), up, port.speedMbps()));
    }

    /** Lets edge ports settle, as time passing after discovery would. */
    public void settle() {
        clock.advance(Duration.ofSeconds(2));
    }

    /**
     * A frame's way through the rules: the links it crossed, the edge port it left by if it got
     * out, and its VLAN ({@link VlanId#NONE} if untagged) where it left or was dropped.
     */
    public record Trace(List<Link> crossed, Optional<ConnectPoint> exit, VlanId vlan) {
    }

    /** Follows an untagged frame entering at {@code ingress} through the installed rules alone. */
    public Trace trace(ConnectPoint ingress, MacAddress src, MacAddress dst) {
        return trace(ingress, VlanId.NONE, src, dst);
    }

    /**
     * Follows an IPv4 frame tagged {@code vlan} ({@link VlanId#NONE}: untagged) entering at
     * {@code ingress} through the installed rules alone, out of the first port each rule
     * outputs to, with the tag as the actions before that output left it. A rule without an
     * output drops the frame.
     */
    public Trace trace(ConnectPoint ingress, VlanId vlan, MacAddress src, MacAddress dst) {
        return trace(ingress, vlan, src, dst, Ethernet.TYPE_IPV4);
    }

    /** As {@link #trace(ConnectPoint, VlanId, MacAddress, MacAddress)}, for a frame of another ethertype. */
    public Trace trace(ConnectPoint ingress, VlanId vlan, MacAddress src, MacAddress dst, short ethType) {
        List<Link> crossed = new ArrayList<>();
        ConnectPoint at = ingress;
        VlanId tag = vlan;
        for (int hops = 0; hops < 64; hops++) {
            Optional<FlowRule> rule = lookup(at, tag, src, dst, ethType);
            if (rule.isEmpty()) {
                return new Trace(crossed, Optional.empty(), tag);
            }
            Optional<Copy> first = copies(rule.get().actions(), tag).stream().findFirst();
            if (first.isEmpty()) {
                return new Trace(crossed, Optional.empty(), tag);
            }
            tag = first.get().vlan();
            ConnectPoint out = outOf(at, first.get().port());
            Optional<Link> link = linkFrom(out);
            if (link.isEmpty()) {
                return new Trace(crossed, Optional.of(out), tag);
            }
            crossed.add(link.get());
            at = link.get().dst();
        }
        throw new AssertionError("frame loops through the rules from " + ingress);
    }

    /** A copy of a frame an action list sends: the port it goes out of and the tag it carries. */
    private record Copy(PortNumber port, VlanId vlan) {
    }

    /** What {@code actions} send of a frame tagged {@code vlan}, in order; a switch holds one tag here. */
    private static List<Copy> copies(List<Action> actions, VlanId vlan) {
        List<Copy> copies = new ArrayList<>();
        VlanId tag = vlan;
        for (Action action : actions) {
            switch (action) {
                case Action.Output output -> copies.add(new Copy(output.port(), tag));
                case Action.PushVlan push -> tag = push.vlan();
                case Action.SetVlan set -> tag = set.vlan();
                case Action.PopVlan pop -> tag = VlanId.NONE;
            }
        }
        return copies;
    }

    /** The port an output to {@code port} leaves by, for a frame that came in at {@code in}. */
    private static ConnectPoint outOf(ConnectPoint in, PortNumber port) {
        return new ConnectPoint(in.device(), port.equals(PortNumber.IN_PORT) ? in.port() : port);
    }

    private Optional<Link> linkFrom(ConnectPoint port) {
        return links.links().stream().filter(l -> l.src().equals(port)).findFirst();
    }

    /** A copy of a frame that left the fabric: the edge port it went out of and the frame as it was then. */
    public record Delivery(ConnectPoint port, Ethernet frame) {
        public VlanId vlan() {
            return VlanId.vlanId(frame.getVlanID());
        }
    }

    /**
     * Plays {@code frame} into the fabric at {@code ingress} the way switches would: an arrival
     * that matches a rule follows it, any other is a packet-in to the processors; whatever
     * goes out of a port crosses its link to the next switch. Returns the edge ports the frame
     * was delivered out of, once per copy; fails if copies keep multiplying (a storm).
     */
    public List<ConnectPoint> send(ConnectPoint ingress, Ethernet frame) {
        return deliver(ingress, frame).stream().map(Delivery::port).toList();
    }

    /** As {@link #send}, with each copy as it left: its VLAN tag is what the rules made of it. */
    public List<Delivery> deliver(ConnectPoint ingress, Ethernet frame) {
        record Arrival(ConnectPoint at, Ethernet frame) {
        }
        List<Delivery> delivered = new ArrayList<>();
        Deque<Arrival> arrivals = new ArrayDeque<>(List.of(new Arrival(ingress, frame)));
        int packetIns = 0;
        while (!arrivals.isEmpty()) {
            if (++packetIns > 1_000) {
                throw new AssertionError("broadcast storm: over 1000 packet-ins from one frame");
            }
            Arrival arrival = arrivals.poll();
            ConnectPoint at = arrival.at();
            Ethernet arrived = arrival.frame();
            VlanId tag = VlanId.vlanId(arrived.getVlanID());
            Optional<FlowRule> rule = lookup(at, tag, arrived.getSourceMAC(), arrived.getDestinationMAC(),
                    arrived.getEtherType());
            List<OutboundPacket> outs;
            if (rule.isPresent()) {
                matched.merge(rule.get(), new Traffic(1, arrived.serialize().length), Traffic::plus);
                outs = List.of(new OutboundPacket(at.device(), at.port(), rule.get().actions(), new byte[0],
                        OptionalInt.empty()));
            } else {
                int before = emitted.size();
                packetIn(new InboundPacket(at.device(), at.port(), arrived, arrived.serialize(), OptionalInt.empty()));
                outs = new ArrayList<>(emitted.subList(before, emitted.size()));
            }
            for (OutboundPacket out : outs) {
                for (Copy copy : copies(out.actions(), tag)) {
                    Ethernet sent = retagged(arrived, copy.vlan());
                    ConnectPoint port = outOf(new ConnectPoint(out.device(), out.inPort()), copy.port());
                    Optional<Link> link = linkFrom(port);
                    if (link.isPresent()) {
                        arrivals.add(new Arrival(link.get().dst(), sent));
                    } else {
                        delivered.add(new Delivery(port, sent));
                    }
                }
            }
        }
        return delivered;
    }

    /** {@code frame} itself if it carries {@code vlan}, else a copy that does, sharing its payload. */
    private static Ethernet retagged(Ethernet frame, VlanId vlan) {
        if (frame.getVlanID() == vlan.toShort()) {
            return frame;
        }
        Ethernet copy = new Ethernet().setSourceMACAddress(frame.getSourceMAC())
                .setDestinationMACAddress(frame.getDestinationMAC()).setEtherType(frame.getEtherType())
                .setVlanID(vlan.toShort()).setPriorityCode(frame.getPriorityCode()).setPad(frame.isPad());
        copy.setPayload(frame.getPayload());
        return copy;
    }

    /** Runs one packet-in through the processors, as the southbound does. */
    public PacketContext packetIn(InboundPacket packet) {
        PacketContext context = new PacketContext(packet);
        processors.stream().sorted(Comparator.comparingInt(Processor::order))
                .forEach(p -> p.processor().process(context));
        return context;
    }

    /** The switch timed a rule out and says so. */
    public void expire(FlowRule rule) {
        tables.getOrDefault(rule.device(), new ArrayList<>()).remove(rule);
        FlowRemovedEvent event = new FlowRemovedEvent(rule.device(), rule.cookie(), rule.priority(), rule.match(),
                FlowRemovedEvent.Reason.IDLE_TIMEOUT, 0, 0);
        removedListeners.forEach(l -> l.onEvent(event));
    }

    private Optional<FlowRule> lookup(ConnectPoint at, VlanId vlan, MacAddress src, MacAddress dst, short ethType) {
        return tables.getOrDefault(at.device(), List.of()).stream()
                .filter(r -> matches(r.match(), at.port(), vlan, src, dst, ethType & 0xffff))
                .max(Comparator.comparingInt(FlowRule::priority));
    }

    private static boolean matches(TrafficMatch match, PortNumber in, VlanId vlan, MacAddress src, MacAddress dst,
                                   int ethType) {
        return match.inPort().map(in::equals).orElse(true) && match.vlan().map(vlan::equals).orElse(true)
                && match.ethSrc().map(src::equals).orElse(true) && match.ethDst().map(dst::equals).orElse(true)
                && match.ethType().map(t -> t == ethType).orElse(true);
    }

    @Override
    public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
        List<FlowRule> table = tables.computeIfAbsent(device, d -> new ArrayList<>());
        applied.addAll(operations);
        for (FlowOperation op : operations) {
            FlowRule rule = op.rule();
            table.removeIf(r -> r.table() == rule.table() && r.priority() == rule.priority()
                    && r.match().equals(rule.match()));
            if (op.type() != FlowOperation.Type.REMOVE) {
                table.add(rule);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Reads of {@code device}'s table fail from now on, as when a switch refuses flow statistics. */
    public void failReads(DeviceId device) {
        unreadable.add(device);
    }

    /** What the device's table holds now, whoever put it there. */
    @Override
    public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
        if (unreadable.contains(device)) {
            return CompletableFuture.failedFuture(new IllegalStateException(device + " refuses flow statistics"));
        }
        return CompletableFuture.completedFuture(tables.getOrDefault(device, List.of()).stream()
                .filter(rule -> (rule.cookie() & cookieMask) == (cookie & cookieMask)).toList());
    }

    /** Rules here are what the switch holds, so there is nothing believed apart from it to forget. */
    @Override
    public void forget(FlowRule rule) {
        throw new UnsupportedOperationException("the fabric's tables are the truth: nothing to forget");
    }

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return tables.getOrDefault(device, List.of()).stream()
                .map(r -> new FlowEntry(r, FlowEntry.State.INSTALLED, Optional.empty())).toList();
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        removedListeners.add(listener);
    }

    /** Every processor runs on the caller's thread here, whatever its execution. */
    @Override
    public void addProcessor(int order, PacketProcessor processor, Execution execution) {
        processors.add(new Processor(order, processor));
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        emitted.add(packet);
        return true;
    }

    /** As a switch does it: the rule goes into the table, and the packet out through its actions. */
    @Override
    public boolean installAndApply(InboundPacket packet, FlowRule rule) {
        PacketService.requireAnswerable(packet, rule);
        apply(rule.device(), List.of(FlowOperation.add(rule)));
        emitted.add(new OutboundPacket(packet.device(), packet.inPort(), rule.actions(), packet.data(),
                packet.bufferId()));
        return true;
    }
}

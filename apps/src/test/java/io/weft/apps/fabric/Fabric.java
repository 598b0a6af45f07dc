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
import io.weft.topology.path.TopologyManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * An in-memory fabric for testing apps without a network (STYLE.md 4 and 9): the real
 * device, link, host and topology managers with synchronous events, a flow-rule service
 * that keeps each switch's table, and a packet service that runs processors and delivers
 * packet-outs. {@link #trace} follows a frame through the installed rules and says where it
 * comes out; {@link #send} plays a frame through the controller the way switches would,
 * hop by hop, and says which ports it was delivered out of.
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
    public final TopologyManager topology = new TopologyManager(devices, links, dispatcher, clock,
            Duration.ofSeconds(1), LinkWeigher.HOP_COUNT);
    /** Every switch's flow table, as the switch would hold it. */
    public final Map<DeviceId, List<FlowRule>> tables = new HashMap<>();
    /** Every packet-out the apps asked for, in order. */
    public final List<OutboundPacket> emitted = new ArrayList<>();
    /** Every flow operation apps applied, in order. */
    public final List<FlowOperation> applied = new ArrayList<>();
    private final List<Processor> processors = new CopyOnWriteArrayList<>();
    private final List<EventListener<FlowRemovedEvent>> removedListeners = new ArrayList<>();

    public Fabric() {
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

    /** A frame's way through the rules: the links it crossed and the edge port it left by, if it got out. */
    public record Trace(List<Link> crossed, Optional<ConnectPoint> exit) {
    }

    /** Follows a frame entering at {@code ingress} through the installed rules alone. */
    public Trace trace(ConnectPoint ingress, MacAddress src, MacAddress dst) {
        List<Link> crossed = new ArrayList<>();
        ConnectPoint at = ingress;
        for (int hops = 0; hops < 64; hops++) {
            Optional<FlowRule> rule = lookup(at, src, dst);
            if (rule.isEmpty()) {
                return new Trace(crossed, Optional.empty());
            }
            ConnectPoint out = new ConnectPoint(at.device(), ((Action.Output) rule.get().actions().get(0)).port());
            Optional<Link> link = linkFrom(out);
            if (link.isEmpty()) {
                return new Trace(crossed, Optional.of(out));
            }
            crossed.add(link.get());
            at = link.get().dst();
        }
        throw new AssertionError("frame loops through the rules from " + ingress);
    }

    private Optional<Link> linkFrom(ConnectPoint port) {
        return links.links().stream().filter(l -> l.src().equals(port)).findFirst();
    }

    /**
     * Plays {@code frame} into the fabric at {@code ingress} the way switches would: an arrival
     * that matches a rule follows it, any other is a packet-in to the processors; whatever
     * goes out of a port crosses its link to the next switch. Returns the edge ports the frame
     * was delivered out of, once per copy; fails if copies keep multiplying (a storm).
     */
    public List<ConnectPoint> send(ConnectPoint ingress, Ethernet frame) {
        List<ConnectPoint> delivered = new ArrayList<>();
        Deque<ConnectPoint> arrivals = new ArrayDeque<>(List.of(ingress));
        int packetIns = 0;
        while (!arrivals.isEmpty()) {
            if (++packetIns > 1_000) {
                throw new AssertionError("broadcast storm: over 1000 packet-ins from one frame");
            }
            ConnectPoint at = arrivals.poll();
            Optional<FlowRule> rule = lookup(at, frame.getSourceMAC(), frame.getDestinationMAC());
            List<OutboundPacket> outs;
            if (rule.isPresent()) {
                outs = List.of(new OutboundPacket(at.device(), at.port(), rule.get().actions(), new byte[0],
                        OptionalInt.empty()));
            } else {
                int before = emitted.size();
                packetIn(new InboundPacket(at.device(), at.port(), frame, frame.serialize(), OptionalInt.empty()));
                outs = new ArrayList<>(emitted.subList(before, emitted.size()));
            }
            for (OutboundPacket out : outs) {
                for (Action action : out.actions()) {
                    ConnectPoint port = new ConnectPoint(out.device(), ((Action.Output) action).port());
                    Optional<Link> link = linkFrom(port);
                    if (link.isPresent()) {
                        arrivals.add(link.get().dst());
                    } else {
                        delivered.add(port);
                    }
                }
            }
        }
        return delivered;
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

    private Optional<FlowRule> lookup(ConnectPoint at, MacAddress src, MacAddress dst) {
        return tables.getOrDefault(at.device(), List.of()).stream()
                .filter(r -> matches(r.match(), at.port(), src, dst))
                .max(Comparator.comparingInt(FlowRule::priority));
    }

    private static boolean matches(TrafficMatch match, PortNumber in, MacAddress src, MacAddress dst) {
        return match.inPort().map(in::equals).orElse(true) && match.ethSrc().map(src::equals).orElse(true)
                && match.ethDst().map(dst::equals).orElse(true);
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

    @Override
    public List<FlowEntry> rules(DeviceId device) {
        return tables.getOrDefault(device, List.of()).stream()
                .map(r -> new FlowEntry(r, FlowEntry.State.INSTALLED, Optional.empty())).toList();
    }

    @Override
    public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        removedListeners.add(listener);
    }

    @Override
    public void addProcessor(int order, PacketProcessor processor) {
        processors.add(new Processor(order, processor));
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        emitted.add(packet);
        return true;
    }
}

package io.weft.apps.forwarding;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostEvent;
import io.weft.topology.host.HostKey;
import io.weft.topology.host.HostService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.Path;
import io.weft.topology.path.Topology;
import io.weft.topology.path.TopologyEvent;
import io.weft.topology.path.TopologyService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shortest-path forwarding between known hosts, the default forwarding app.
 *
 * <p>A frame from a host at an edge port to a known host installs the path between their
 * edge ports in both directions, then goes on along it. Broadcasts and frames to unknown
 * destinations are flooded along the broadcast tree ({@link TreeFlood}). When the fabric
 * changes, every conversation whose path lost a link is moved to the new shortest path, and
 * one whose path got longer than a new shortest one moves back; when a host moves or goes
 * away, the rules towards it are withdrawn.
 */
public final class PathForwarding implements PacketProcessor {
    public static final AppId APP = new AppId(3, "forwarding");
    private static final Logger log = LoggerFactory.getLogger(PathForwarding.class);

    /** One direction of a conversation as installed. */
    private record Route(Path path, List<FlowRule> rules) {
    }

    private final ForwardingConfig config;
    private final TopologyService topology;
    private final HostService hosts;
    private final FlowRuleService flowRules;
    private final PacketService packets;
    private final Counters counters;
    private final long cookie = Cookies.cookie(APP, 0);
    private final Map<HostPair, Route> routes = new HashMap<>();

    public PathForwarding(ForwardingConfig config, TopologyService topology, HostService hosts,
                          FlowRuleService flowRules, PacketService packets, Counters counters) {
        this.config = config;
        this.topology = topology;
        this.hosts = hosts;
        this.flowRules = flowRules;
        this.packets = packets;
        this.counters = counters;
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.packet();
        Ethernet frame = in.parsed();
        short type = frame.getEtherType();
        if (context.isHandled() || type == Ethernet.TYPE_LLDP || type == Ethernet.TYPE_BSN) {
            return;
        }
        context.markHandled();
        ConnectPoint at = in.receivedAt();
        VlanId vlan = in.vlan();
        MacAddress dst = frame.getDestinationMAC();
        Optional<Host> target = dst.isMulticast() || dst.isBroadcast() ? Optional.empty() : hosts.host(new HostKey(dst, vlan));
        if (target.isEmpty()) {
            flood(in, at);
            return;
        }
        ConnectPoint dstEdge = target.get().location();
        if (dstEdge.equals(at)) {
            counters.increment("forwarding.dropped.same_port");
            return;
        }
        Topology snapshot = topology.topology();
        Optional<Path> path = snapshot.path(at.device(), dstEdge.device());
        if (path.isEmpty()) {
            counters.increment("forwarding.dropped.no_path");
            return;
        }
        Optional<Host> source = hosts.host(new HostKey(frame.getSourceMAC(), vlan))
                .filter(h -> h.location().equals(at));
        OutboundPacket onward = OutboundPacket.replying(in, List.of(Action.output(PathRules.firstHop(path.get(),
                dstEdge))));
        if (source.isEmpty()) {
            // In transit (its rules not there yet) or from a host not learned: deliver, install nothing.
            counters.increment("forwarding.relayed");
            packets.emit(onward);
            return;
        }
        installBothWays(source.get(), target.get(), snapshot)
                .whenComplete((ok, failure) -> packets.emit(onward));
    }

    /** Moves conversations off links that went away, and onto shorter paths that appeared. */
    public void onTopologyEvent(TopologyEvent event) {
        Topology snapshot = event.topology();
        Map<DeviceId, List<FlowOperation>> operations = new LinkedHashMap<>();
        synchronized (this) {
            for (Map.Entry<HostPair, Route> entry : new ArrayList<>(routes.entrySet())) {
                Route route = entry.getValue();
                boolean broken = !snapshot.links().containsAll(route.path().links());
                Optional<Path> best = snapshot.path(route.path().src(), route.path().dst());
                boolean shorter = best.isPresent() && best.get().cost() < route.path().cost();
                if (broken || shorter) {
                    counters.increment("forwarding.rerouted");
                    reroute(entry.getKey(), route, snapshot, operations);
                }
            }
        }
        send(operations);
    }

    /** Withdraws the rules towards and from a host that moved or went away. */
    public void onHostEvent(HostEvent event) {
        if (event.type() != HostEvent.Type.HOST_MOVED && event.type() != HostEvent.Type.HOST_REMOVED) {
            return;
        }
        Map<DeviceId, List<FlowOperation>> operations = new LinkedHashMap<>();
        synchronized (this) {
            routes.entrySet().removeIf(entry -> {
                if (!entry.getKey().involves(event.host().key())) {
                    return false;
                }
                entry.getValue().rules().forEach(r -> add(operations, FlowOperation.remove(r)));
                counters.increment("forwarding.paths_withdrawn");
                return true;
            });
        }
        send(operations);
    }

    /** Forgets a conversation whose rules the switch timed out: it has gone quiet. */
    public void onFlowRemoved(FlowRemovedEvent event) {
        if (event.cookie() != cookie || event.reason() == FlowRemovedEvent.Reason.DELETED) {
            return;
        }
        synchronized (this) {
            routes.values().removeIf(route -> route.rules().stream().anyMatch(r -> r.device().equals(event.device())
                    && r.priority() == event.priority() && r.match().equals(event.match())));
        }
    }

    private CompletableFuture<Void> installBothWays(Host src, Host dst, Topology snapshot) {
        Map<DeviceId, List<FlowOperation>> operations = new LinkedHashMap<>();
        synchronized (this) {
            for (HostPair pair : List.of(new HostPair(src.key(), dst.key()), new HostPair(dst.key(), src.key()))) {
                Host from = pair.src().equals(src.key()) ? src : dst;
                Host to = from == src ? dst : src;
                route(from, to, snapshot).ifPresent(route -> {
                    routes.put(pair, route);
                    route.rules().forEach(r -> add(operations, FlowOperation.add(r)));
                });
            }
        }
        counters.increment("forwarding.paths_installed");
        return send(operations);
    }

    private void reroute(HostPair pair, Route old, Topology snapshot, Map<DeviceId, List<FlowOperation>> operations) {
        Optional<Host> from = hosts.host(pair.src());
        Optional<Host> to = hosts.host(pair.dst());
        Optional<Route> fresh = from.isPresent() && to.isPresent() ? route(from.get(), to.get(), snapshot)
                : Optional.empty();
        fresh.ifPresentOrElse(route -> routes.put(pair, route), () -> routes.remove(pair));
        List<FlowRule> keep = fresh.map(Route::rules).orElse(List.of());
        // Only what changed goes out: the stretches the new path shares with the old one already
        // hold exactly these rules, and on a long path re-sending them was most of the flow mods.
        keep.stream().filter(r -> !old.rules().contains(r)).forEach(r -> add(operations, FlowOperation.add(r)));
        old.rules().stream().filter(r -> keep.stream().noneMatch(k -> sameSlot(k, r)))
                .forEach(r -> add(operations, FlowOperation.remove(r)));
    }

    private Optional<Route> route(Host from, Host to, Topology snapshot) {
        return snapshot.path(from.location().device(), to.location().device())
                .map(path -> new Route(path, PathRules.rules(path, from.location(), to.location(), from.key().vlan(),
                        from.key().mac(), to.key().mac(), config.priority(), cookie, config.idleTimeoutSeconds())));
    }

    private void flood(InboundPacket in, ConnectPoint at) {
        Optional<List<Action>> outputs = TreeFlood.ports(topology.topology(), topology, at)
                .map(ports -> ports.stream().map(Action::output).toList());
        if (outputs.isEmpty()) {
            counters.increment("forwarding.dropped.off_tree");
            return;
        }
        counters.increment("forwarding.flooded");
        if (!outputs.get().isEmpty()) {
            packets.emit(OutboundPacket.replying(in, outputs.get()));
        }
    }

    private CompletableFuture<Void> send(Map<DeviceId, List<FlowOperation>> operations) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        operations.forEach((device, ops) -> futures.add(flowRules.apply(device, ops).whenComplete((ok, failure) -> {
            if (failure != null) {
                counters.increment("forwarding.rule_failures");
                log.warn("forwarding rules on {} failed: {}", device, failure.getMessage());
            }
        })));
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    private static void add(Map<DeviceId, List<FlowOperation>> operations, FlowOperation operation) {
        operations.computeIfAbsent(operation.rule().device(), d -> new ArrayList<>()).add(operation);
    }

    /** Rules that OpenFlow would treat as the same entry: adding one replaces the other. */
    private static boolean sameSlot(FlowRule a, FlowRule b) {
        return a.device().equals(b.device()) && a.table() == b.table() && a.priority() == b.priority()
                && a.match().equals(b.match());
    }
}

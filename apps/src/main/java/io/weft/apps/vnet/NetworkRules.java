package io.weft.apps.vnet;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.path.Path;
import io.weft.topology.path.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** The rules of one planned network on one topology, in a stable order. */
final class NetworkRules {
    private final Plan plan;
    private final Topology topology;
    private final VlanId tag;
    private final List<FlowRule> rules = new ArrayList<>();
    private final Map<Plan.Part, FloodTree> trees = new IdentityHashMap<>();

    private NetworkRules(Plan plan, Topology topology) {
        this.plan = plan;
        this.topology = topology;
        this.tag = plan.tag();
    }

    static List<FlowRule> of(Plan plan, Topology topology) {
        NetworkRules build = new NetworkRules(plan, topology);
        for (Plan.Part part : plan.parts()) {
            for (Edge edge : part.edges()) {
                build.edgeRules(part, edge);
            }
            build.treeTransit(part);
            for (Plan.Placed host : part.hosts()) {
                build.towards(part, host);
            }
        }
        build.keepPartsApart();
        return List.copyOf(build.rules);
    }

    /** At an attachment: ARP to the controller, broadcasts to the part, anything else off a whole port dropped. */
    private void edgeRules(Plan.Part part, Edge edge) {
        TrafficMatch from = TrafficMatch.ANY.withInPort(edge.physicalPort()).withVlan(edge.vlan());
        add(edge.device(), VnetCompiler.ARP_PRIORITY, from.withEthType(Ethernet.TYPE_ARP).withEthDst(MacAddress.BROADCAST),
                List.of(Action.output(PortNumber.CONTROLLER)));
        List<Action> flood;
        if (part.flood() == Plan.Flood.CONTROLLER) {
            flood = List.of(Action.output(PortNumber.CONTROLLER));
        } else {
            List<TagActions.Out> outs = new ArrayList<>();
            part.edges().stream().filter(e -> e.device().equals(edge.device()) && !e.equals(edge))
                    .forEach(e -> outs.add(e.out()));
            if (part.flood() == Plan.Flood.TREE) {
                tree(part).out(edge.device()).forEach(l -> outs.add(new TagActions.Out(l.src().port(), tag)));
            }
            flood = TagActions.actions(edge.vlan(), edge.physicalPort(), outs);
        }
        add(edge.device(), VnetCompiler.FLOOD_PRIORITY, from, flood);
        if (edge.vlan().equals(VlanId.NONE)) {
            // The whole port is the tenant's: its tagged frames belong to no one, not to default forwarding.
            add(edge.device(), VnetCompiler.GUARD_PRIORITY, TrafficMatch.ANY.withInPort(edge.physicalPort()), List.of());
        }
    }

    /** Where a tagged broadcast arrives over the tree: on along the tree, and out of the part's edges there. */
    private void treeTransit(Plan.Part part) {
        if (part.flood() != Plan.Flood.TREE) {
            return;
        }
        FloodTree tree = tree(part);
        for (DeviceId device : tree.reached()) {
            for (Link arrival : tree.in(device)) {
                PortNumber in = arrival.dst().port();
                List<TagActions.Out> outs = new ArrayList<>();
                tree.out(device).stream().filter(l -> !l.src().port().equals(in))
                        .forEach(l -> outs.add(new TagActions.Out(l.src().port(), tag)));
                part.edges().stream().filter(e -> e.device().equals(device)).forEach(e -> outs.add(e.out()));
                add(device, VnetCompiler.FLOOD_PRIORITY, TrafficMatch.ANY.withInPort(in).withVlan(tag),
                        TagActions.actions(tag, in, outs));
            }
        }
    }

    private FloodTree tree(Plan.Part part) {
        return trees.computeIfAbsent(part, p -> FloodTree.of(topology,
                p.edges().stream().map(Edge::device).collect(Collectors.toSet())));
    }

    /**
     * Unicast to one host: from each other edge of its part, straight across the switch or
     * tagged onto the shortest path; every switch a frame then reaches forwards it by the next
     * hop of its own shortest path to the host's switch, which only ever gets closer, so the
     * walks from all the edges form a loop-free tree whose arrival ports are all it matches.
     */
    private void towards(Plan.Part part, Plan.Placed placed) {
        Edge home = placed.edge();
        MacAddress mac = placed.host().mac();
        DeviceId target = home.device();
        Map<DeviceId, Optional<Link>> next = new HashMap<>();
        Set<DeviceId> starts = new LinkedHashSet<>();
        add(home.device(), VnetCompiler.UNICAST_PRIORITY, toHost(home, mac), List.of());
        for (Edge edge : part.edges()) {
            if (edge.equals(home)) {
                continue;
            }
            if (edge.device().equals(target)) {
                add(edge.device(), VnetCompiler.UNICAST_PRIORITY, toHost(edge, mac),
                        TagActions.actions(edge.vlan(), edge.physicalPort(), List.of(home.out())));
                continue;
            }
            Optional<Link> first = next.computeIfAbsent(edge.device(), d -> nextHop(d, target));
            first.ifPresent(link -> {
                starts.add(edge.device());
                add(edge.device(), VnetCompiler.UNICAST_PRIORITY, toHost(edge, mac), TagActions.actions(edge.vlan(),
                        edge.physicalPort(), List.of(new TagActions.Out(link.src().port(), tag))));
            });
        }
        Set<ConnectPoint> arrivals = new LinkedHashSet<>();
        for (DeviceId start : starts) {
            DeviceId at = start;
            while (!at.equals(target)) {
                Link link = next.computeIfAbsent(at, d -> nextHop(d, target)).orElseThrow();
                if (!arrivals.add(link.dst())) {
                    break;
                }
                at = link.dst().device();
            }
        }
        for (ConnectPoint arrival : arrivals) {
            DeviceId at = arrival.device();
            TrafficMatch match = TrafficMatch.ANY.withInPort(arrival.port()).withVlan(tag).withEthDst(mac);
            TagActions.Out out = at.equals(target) ? home.out()
                    : new TagActions.Out(next.computeIfAbsent(at, d -> nextHop(d, target)).orElseThrow().src().port(),
                    tag);
            add(at, VnetCompiler.UNICAST_PRIORITY, match, TagActions.actions(tag, arrival.port(), List.of(out)));
        }
    }

    private Optional<Link> nextHop(DeviceId from, DeviceId to) {
        return topology.path(from, to).map(Path::links).filter(l -> !l.isEmpty()).map(l -> l.get(0));
    }

    /**
     * One tag carries every part of a network, so a frame for a host of another part is dropped
     * where it enters: otherwise it would flood tagged and meet that host's unicast rules.
     */
    private void keepPartsApart() {
        if (plan.parts().size() < 2) {
            return;
        }
        for (Plan.Part part : plan.parts()) {
            for (Plan.Part other : plan.parts()) {
                if (other == part) {
                    continue;
                }
                for (Edge edge : part.edges()) {
                    for (Plan.Placed placed : other.hosts()) {
                        add(edge.device(), VnetCompiler.UNICAST_PRIORITY, toHost(edge, placed.host().mac()), List.of());
                    }
                }
            }
        }
    }

    private static TrafficMatch toHost(Edge edge, MacAddress mac) {
        return TrafficMatch.ANY.withInPort(edge.physicalPort()).withVlan(edge.vlan()).withEthDst(mac);
    }

    private void add(DeviceId device, int priority, TrafficMatch match, List<Action> actions) {
        rules.add(new FlowRule(device, 0, priority, match, actions, plan.cookie(), 0, 0));
    }
}

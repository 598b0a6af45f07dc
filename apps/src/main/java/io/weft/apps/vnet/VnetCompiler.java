package io.weft.apps.vnet;

import io.weft.metrics.Counters;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.path.Topology;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/**
 * Compiles virtual networks onto a topology: the flow rules each device should hold
 * (package docs say how they work). A pure function of its inputs, but for the counters of
 * what it had to leave out.
 *
 * <p>Every rule carries its network's fabric tag in its cookie ({@link #cookie}), so one
 * network's rules can be told apart, and removed, on any switch.
 */
public final class VnetCompiler {
    public static final AppId APP = new AppId(4, "vnet");
    /** ARP broadcasts from an attachment, to the controller: above everything else at an attachment. */
    public static final int ARP_PRIORITY = 1400;
    /** Frames to a known host of the network, at the edge and across the fabric. */
    public static final int UNICAST_PRIORITY = 1300;
    /** Broadcasts and unknown destinations; all of these stay well above default forwarding. */
    public static final int FLOOD_PRIORITY = 1200;
    /** Drops what comes in at a whole-port attachment that its other rules do not take (tagged frames). */
    public static final int GUARD_PRIORITY = 1100;

    private static final Comparator<DeviceId> BY_ID = Comparator.comparing(DeviceId::toString);

    private final Counters counters;

    public VnetCompiler(Counters counters) {
        this.counters = counters;
    }

    /** The bits of a cookie that say a rule is this app's: {@code cookie(0)} under this mask is every one. */
    public static final long COOKIE_MASK = ~((1L << 48) - 1);

    /** The owner bits of a network's rules: its fabric tag. */
    public static long cookie(VirtualNetwork network) {
        return cookie(network.tag());
    }

    /** The cookie of the rules of the network with fabric tag {@code tag}. */
    public static long cookie(int tag) {
        return Cookies.cookie(APP, tag);
    }

    /** The fabric tag of the network that owns a rule with this cookie; empty for another app's rule. */
    public static OptionalInt tagOf(long cookie) {
        long owner = cookie & ((1L << 48) - 1);
        if (!Cookies.isWeft(cookie) || Cookies.appId(cookie) != APP.id() || owner < 1 || owner > 4094) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) owner);
    }

    /**
     * The rules every device should hold for {@code networks}. Where networks conflict, the one
     * with the lower id keeps what they contend for and the other loses it (counted): a fabric
     * tag (the later network gets no rules) or an attachment (the later one loses that edge).
     */
    public Map<DeviceId, Set<FlowRule>> compile(Collection<NetworkSpec> networks, Topology topology) {
        List<NetworkSpec> ordered = networks.stream()
                .sorted(Comparator.comparing((NetworkSpec n) -> n.network().id().toString())).toList();
        Map<Integer, VirtualNetwork> tags = new HashMap<>();
        List<Attachment> claimed = new ArrayList<>();
        Map<DeviceId, Set<FlowRule>> rules = new TreeMap<>(BY_ID);
        for (NetworkSpec spec : ordered) {
            VirtualNetwork holder = tags.putIfAbsent(spec.network().tag(), spec.network());
            if (holder != null) {
                counters.increment("vnet.compile.tag_conflict");
                continue;
            }
            Map<VirtualPortId, Attachment> edges = new LinkedHashMap<>();
            spec.edges().forEach((port, attachment) -> {
                if (claimed.stream().anyMatch(attachment::overlaps)) {
                    counters.increment("vnet.compile.attachment_conflict");
                } else {
                    edges.put(port, attachment);
                }
            });
            claimed.addAll(edges.values());
            NetworkSpec kept = new NetworkSpec(spec.network(), edges, spec.links(), spec.hosts());
            compile(kept, topology).forEach((device, set) ->
                    rules.computeIfAbsent(device, d -> new LinkedHashSet<>()).addAll(set));
        }
        rules.replaceAll((device, set) -> Collections.unmodifiableSet(set));
        return Collections.unmodifiableMap(rules);
    }

    /** The rules every device should hold for one network, as if it were alone on the fabric. */
    public Map<DeviceId, Set<FlowRule>> compile(NetworkSpec spec, Topology topology) {
        Map<DeviceId, Set<FlowRule>> rules = new TreeMap<>(BY_ID);
        for (FlowRule rule : NetworkRules.of(plan(spec, topology), topology)) {
            rules.computeIfAbsent(rule.device(), d -> new LinkedHashSet<>()).add(rule);
        }
        rules.replaceAll((device, set) -> Collections.unmodifiableSet(set));
        return Collections.unmodifiableMap(rules);
    }

    private Plan plan(NetworkSpec spec, Topology topology) {
        Set<ConnectPoint> fabricPorts = new HashSet<>();
        for (Link link : topology.links()) {
            fabricPorts.add(link.src());
            fabricPorts.add(link.dst());
        }
        Map<VirtualPortId, Edge> usable = new HashMap<>();
        List<Attachment> taken = new ArrayList<>();
        spec.edges().entrySet().stream().sorted(Map.Entry.comparingByKey(VirtualReach.PORT_ORDER)).forEach(e -> {
            Attachment attachment = e.getValue();
            if (!attachment.tenant().equals(spec.network().id().tenant())) {
                counters.increment("vnet.compile.foreign_attachment");
            } else if (taken.stream().anyMatch(attachment::overlaps)) {
                counters.increment("vnet.compile.attachment_conflict");
            } else if (fabricPorts.contains(attachment.point())) {
                // A port between switches carries every network's tagged traffic: no tenant can own it.
                taken.add(attachment);
                counters.increment("vnet.compile.attachment_on_link");
            } else {
                taken.add(attachment);
                if (topology.devices().contains(attachment.point().device())) {
                    usable.put(e.getKey(), new Edge(e.getKey(), attachment));
                }
            }
        });
        Map<MacAddress, VirtualHost> hosts = new LinkedHashMap<>();
        spec.hosts().stream().sorted(Comparator.comparing((VirtualHost h) -> !h.declared())).forEach(host -> {
            if (hosts.putIfAbsent(host.mac(), host) != null) {
                counters.increment("vnet.compile.duplicate_host");
            } else if (!spec.edges().containsKey(host.port())) {
                counters.increment("vnet.compile.host_off_edge");
            }
        });
        List<List<Edge>> partEdges = new ArrayList<>();
        for (Set<VirtualPortId> ports : VirtualReach.of(spec).parts()) {
            List<Edge> edges = ports.stream().map(usable::get).filter(e -> e != null).toList();
            if (!edges.isEmpty()) {
                partEdges.add(edges);
            }
        }
        // The tag's broadcast tree serves one part across switches: the one with most edges, the first of those.
        Optional<List<Edge>> treePart = partEdges.stream().filter(edges -> devices(edges) > 1)
                .reduce((a, b) -> b.size() > a.size() ? b : a);
        List<Plan.Part> parts = new ArrayList<>();
        for (List<Edge> edges : partEdges) {
            List<Plan.Placed> placed = hosts.values().stream()
                    .sorted(Comparator.comparing(h -> h.mac().toLong()))
                    .flatMap(h -> edges.stream().filter(e -> e.port().equals(h.port())).findFirst().stream()
                            .map(e -> new Plan.Placed(h, e)))
                    .toList();
            Plan.Flood flood = devices(edges) <= 1 ? Plan.Flood.LOCAL
                    : treePart.isPresent() && treePart.get() == edges ? Plan.Flood.TREE : Plan.Flood.CONTROLLER;
            parts.add(new Plan.Part(edges, placed, flood));
        }
        return new Plan(spec.network(), cookie(spec.network()), parts);
    }

    private static int devices(List<Edge> edges) {
        return (int) edges.stream().map(Edge::device).distinct().count();
    }
}

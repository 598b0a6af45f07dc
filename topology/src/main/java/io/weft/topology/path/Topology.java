package io.weft.topology.path;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.onosproject.net.DeviceId;

/**
 * One immutable snapshot of the fabric: the connected devices and the links between them,
 * with shortest paths (Dijkstra over a {@link LinkWeigher}, computed per source on first use
 * and cached) and a loop-free broadcast tree.
 *
 * <p>The tree spans each connected part of the fabric from its lowest device id, breadth
 * first, over links discovered in both directions; flooding only along it (plus edge ports)
 * means a ring or a mesh carries each broadcast once.
 */
public final class Topology {
    private static final Comparator<Link> BY_DST = Comparator.comparing((Link l) -> l.dst().device().toString())
            .thenComparingLong(l -> l.src().port().toLong());

    /** Shortest paths from one device to every device it reaches. */
    private record Tree(DeviceId root, Map<DeviceId, Link> via, Map<DeviceId, Double> cost) {
        boolean uses(Set<Link> links) {
            return via.values().stream().anyMatch(links::contains);
        }
    }

    private final long version;
    private final Set<DeviceId> devices;
    private final Set<Link> links;
    private final Map<DeviceId, List<Link>> egress;
    private final Set<Link> broadcastTree;
    private final Set<ConnectPoint> treeEnds;
    private final LinkWeigher weigher;
    private final Map<DeviceId, Tree> trees = new ConcurrentHashMap<>();

    private Topology(long version, Set<DeviceId> devices, Set<Link> links, LinkWeigher weigher) {
        this.version = version;
        LinkedHashSet<DeviceId> sorted = new LinkedHashSet<>();
        devices.stream().sorted(Comparator.comparing(DeviceId::toString)).forEach(sorted::add);
        this.devices = Collections.unmodifiableSet(sorted);
        this.links = Set.copyOf(links.stream().filter(l -> devices.contains(l.src().device())
                && devices.contains(l.dst().device())).toList());
        Map<DeviceId, List<Link>> out = new HashMap<>();
        for (Link link : this.links) {
            out.computeIfAbsent(link.src().device(), d -> new ArrayList<>()).add(link);
        }
        out.replaceAll((d, list) -> list.stream().sorted(BY_DST).toList());
        this.egress = Map.copyOf(out);
        this.weigher = weigher;
        this.broadcastTree = Set.copyOf(spanningTree());
        this.treeEnds = broadcastTree.stream().map(Link::dst).collect(Collectors.toUnmodifiableSet());
    }

    /** An empty fabric. */
    public static Topology empty(LinkWeigher weigher) {
        return new Topology(0, Set.of(), Set.of(), weigher);
    }

    /**
     * The next snapshot. Cached paths of this one that used none of the links now gone stay
     * valid when nothing was added (taking links away never shortens a path), so they carry
     * over; any addition starts the cache afresh.
     */
    public Topology next(Set<DeviceId> newDevices, Set<Link> newLinks) {
        Topology next = new Topology(version + 1, newDevices, newLinks, weigher);
        boolean grew = !devices.containsAll(next.devices) || !links.containsAll(next.links);
        if (!grew) {
            Set<Link> removed = new HashSet<>(links);
            removed.removeAll(next.links);
            trees.forEach((root, tree) -> {
                if (next.devices.contains(root) && tree.via().keySet().stream().allMatch(next.devices::contains)
                        && !tree.uses(removed)) {
                    next.trees.put(root, tree);
                }
            });
        }
        return next;
    }

    /** Grows with every snapshot. */
    public long version() {
        return version;
    }

    /** Connected devices, sorted by id. */
    public Set<DeviceId> devices() {
        return devices;
    }

    public Set<Link> links() {
        return links;
    }

    /** How many sources' shortest paths are cached (for tests of the incremental recomputation). */
    int cachedTrees() {
        return trees.size();
    }

    public Optional<Path> path(DeviceId src, DeviceId dst) {
        if (!devices.contains(src) || !devices.contains(dst)) {
            return Optional.empty();
        }
        if (src.equals(dst)) {
            return Optional.of(new Path(src, dst, List.of(), 0));
        }
        Tree tree = trees.computeIfAbsent(src, this::dijkstra);
        if (!tree.via().containsKey(dst)) {
            return Optional.empty();
        }
        Deque<Link> hops = new ArrayDeque<>();
        for (DeviceId at = dst; !at.equals(src); at = hops.peekFirst().src().device()) {
            hops.addFirst(tree.via().get(at));
        }
        return Optional.of(new Path(src, dst, List.copyOf(hops), tree.cost().get(dst)));
    }

    /** True when the link is part of the broadcast tree (both directions of a tree edge are). */
    public boolean onBroadcastTree(Link link) {
        return broadcastTree.contains(link);
    }

    /** True when a broadcast-tree link ends at {@code point}: frames flooded along the tree arrive there. */
    public boolean onBroadcastTree(ConnectPoint point) {
        return treeEnds.contains(point);
    }

    /** The ports of {@code device} that lead along the broadcast tree, sorted. */
    public List<ConnectPoint> broadcastPorts(DeviceId device) {
        return egress.getOrDefault(device, List.of()).stream().filter(broadcastTree::contains)
                .map(Link::src).sorted(Comparator.comparingLong(p -> p.port().toLong())).toList();
    }

    /** The links leaving a device. */
    public List<Link> egressLinks(DeviceId device) {
        return egress.getOrDefault(device, List.of());
    }

    private Tree dijkstra(DeviceId root) {
        Map<DeviceId, Double> cost = new HashMap<>();
        Map<DeviceId, Link> via = new HashMap<>();
        record Visit(DeviceId device, double cost, long order) {
        }
        PriorityQueue<Visit> queue = new PriorityQueue<>(Comparator.comparingDouble(Visit::cost)
                .thenComparingLong(Visit::order));
        long order = 0;
        cost.put(root, 0.0);
        queue.add(new Visit(root, 0, order++));
        Set<DeviceId> done = new HashSet<>();
        while (!queue.isEmpty()) {
            Visit visit = queue.poll();
            if (!done.add(visit.device())) {
                continue;
            }
            for (Link link : egressLinks(visit.device())) {
                double weight = weigher.weight(link);
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    continue;
                }
                DeviceId next = link.dst().device();
                double through = visit.cost() + weight;
                if (through < cost.getOrDefault(next, Double.POSITIVE_INFINITY)) {
                    cost.put(next, through);
                    via.put(next, link);
                    queue.add(new Visit(next, through, order++));
                }
            }
        }
        return new Tree(root, Map.copyOf(via), Map.copyOf(cost));
    }

    private List<Link> spanningTree() {
        List<Link> tree = new ArrayList<>();
        Set<DeviceId> reached = new HashSet<>();
        for (DeviceId root : devices) {
            if (!reached.add(root)) {
                continue;
            }
            Deque<DeviceId> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty()) {
                DeviceId at = queue.poll();
                for (Link link : egressLinks(at)) {
                    DeviceId next = link.dst().device();
                    if (!reached.contains(next) && links.contains(link.reversed())) {
                        reached.add(next);
                        tree.add(link);
                        tree.add(link.reversed());
                        queue.add(next);
                    }
                }
            }
        }
        return tree;
    }
}

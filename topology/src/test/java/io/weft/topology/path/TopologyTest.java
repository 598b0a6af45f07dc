package io.weft.topology.path;

import static io.weft.topology.TestFabric.cp;
import static io.weft.topology.TestFabric.dev;
import static io.weft.topology.TestFabric.devices;
import static io.weft.topology.TestFabric.grid;
import static io.weft.topology.TestFabric.leafSpine;
import static io.weft.topology.TestFabric.linear;
import static io.weft.topology.TestFabric.link;
import static io.weft.topology.TestFabric.ring;
import static io.weft.topology.TestFabric.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.topology.link.Link;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;

class TopologyTest {
    private static Topology topology(Set<DeviceId> devices, Set<Link> links) {
        return topology(devices, links, LinkWeigher.HOP_COUNT);
    }

    private static Topology topology(Set<DeviceId> devices, Set<Link> links, LinkWeigher weigher) {
        return Topology.empty(weigher).next(devices, links);
    }

    private static List<Link> hops(Topology t, long src, long dst) {
        return t.path(dev(src), dev(dst)).orElseThrow(() -> new AssertionError("no path " + src + " to " + dst))
                .links();
    }

    private static double cost(Topology t, long src, long dst) {
        return t.path(dev(src), dev(dst)).orElseThrow().cost();
    }

    @SafeVarargs
    private static Set<Link> union(Set<Link>... parts) {
        Set<Link> all = new HashSet<>();
        for (Set<Link> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static Set<Link> without(Set<Link> links, Link... gone) {
        Set<Link> left = new HashSet<>(links);
        left.removeAll(List.of(gone));
        return left;
    }

    @Test
    void linearFour() {
        Topology t = topology(devices(1, 4), linear(4));

        assertThat(hops(t, 1, 4)).containsExactly(link(1, 2), link(2, 3), link(3, 4));
        assertThat(cost(t, 1, 4)).isEqualTo(3.0);
        assertThat(hops(t, 4, 1)).containsExactly(link(4, 3), link(3, 2), link(2, 1));
        assertThat(hops(t, 2, 3)).containsExactly(link(2, 3));
        Path path = t.path(dev(1), dev(4)).orElseThrow();
        assertThat(path.src()).isEqualTo(dev(1));
        assertThat(path.dst()).isEqualTo(dev(4));
        assertThat(path.uses(link(2, 3))).isTrue();
        assertThat(path.uses(link(3, 2))).isFalse();
    }

    @Test
    void ringFourGoesEitherWayAroundAndBreaksTiesTheSameWayEveryTime() {
        Topology t = topology(devices(1, 4), ring(4));

        assertThat(hops(t, 1, 2)).containsExactly(link(1, 2));
        assertThat(hops(t, 1, 4)).as("the other way around").containsExactly(link(1, 4));
        assertThat(hops(t, 4, 1)).containsExactly(link(4, 1));
        // Two equal ways round: through the neighbour with the lower id.
        assertThat(hops(t, 1, 3)).containsExactly(link(1, 2), link(2, 3));
        assertThat(hops(t, 3, 1)).containsExactly(link(3, 2), link(2, 1));
        assertThat(hops(t, 2, 4)).containsExactly(link(2, 1), link(1, 4));
        assertThat(hops(t, 4, 2)).containsExactly(link(4, 1), link(1, 2));
        assertThat(cost(t, 1, 3)).isEqualTo(2.0);

        // The same fabric handed over in another order gives the same answers.
        List<Link> reversed = new ArrayList<>(ring(4));
        reversed.sort((a, b) -> b.toString().compareTo(a.toString()));
        List<DeviceId> ids = new ArrayList<>(devices(1, 4));
        Collections.reverse(ids);
        Topology again = topology(new LinkedHashSet<>(ids), new LinkedHashSet<>(reversed));
        for (long s = 1; s <= 4; s++) {
            for (long d = 1; d <= 4; d++) {
                assertThat(hops(again, s, d)).isEqualTo(hops(t, s, d));
            }
        }
    }

    @Test
    void ringSixTakesTheShorterWayInEachDirection() {
        Topology t = topology(devices(1, 6), ring(6));

        assertThat(hops(t, 1, 3)).containsExactly(link(1, 2), link(2, 3));
        assertThat(hops(t, 1, 5)).containsExactly(link(1, 6), link(6, 5));
        assertThat(cost(t, 1, 4)).isEqualTo(3.0);
        assertThat(cost(t, 2, 6)).isEqualTo(2.0);
    }

    @Test
    void leafSpineTwoByTwo() {
        // Spines 1 and 2, leaves 3 and 4.
        Topology t = topology(devices(1, 4), leafSpine(2, 2));

        assertThat(hops(t, 3, 4)).containsExactly(link(3, 1), link(1, 4));
        assertThat(hops(t, 4, 3)).containsExactly(link(4, 1), link(1, 3));
        assertThat(hops(t, 1, 2)).containsExactly(link(1, 3), link(3, 2));
        assertThat(hops(t, 3, 2)).containsExactly(link(3, 2));
        assertThat(cost(t, 3, 4)).isEqualTo(2.0);
    }

    @Test
    void gridPathsAreAsLongAsTheManhattanDistance() {
        int rows = 3;
        int columns = 4;
        Topology t = topology(devices(1, rows * columns), grid(rows, columns));

        for (int s = 0; s < rows * columns; s++) {
            for (int d = 0; d < rows * columns; d++) {
                int distance = Math.abs(s / columns - d / columns) + Math.abs(s % columns - d % columns);
                Path path = t.path(dev(s + 1), dev(d + 1)).orElseThrow();
                assertThat(path.links()).hasSize(distance);
                assertThat(path.cost()).isEqualTo(distance);
                assertThat(t.links()).containsAll(path.links());
            }
        }
        assertThat(hops(t, 1, 12)).as("ties go by the lower neighbour first")
                .containsExactly(link(1, 2), link(2, 3), link(3, 4), link(4, 8), link(8, 12));
    }

    @Test
    void disconnectedOrUnknownDevicesHaveNoPath() {
        Topology t = topology(devices(1, 5), union(wire(1, 2), wire(4, 5)));

        assertThat(t.path(dev(1), dev(4))).isEmpty();
        assertThat(t.path(dev(1), dev(3))).isEmpty();
        assertThat(t.path(dev(1), dev(9))).isEmpty();
        assertThat(t.path(dev(9), dev(1))).isEmpty();
        assertThat(t.path(dev(9), dev(9))).isEmpty();
    }

    @Test
    void aPathFromADeviceToItselfHasNoLinksAndCostsNothing() {
        Topology t = topology(devices(1, 3), linear(2));

        assertThat(t.path(dev(2), dev(2))).contains(new Path(dev(2), dev(2), List.of(), 0));
        assertThat(t.path(dev(3), dev(3))).as("even with no links").contains(new Path(dev(3), dev(3), List.of(), 0));
    }

    @Test
    void aOneWayLinkIsUsedOnlyInItsDirection() {
        Topology t = topology(devices(1, 2), Set.of(link(1, 2)));

        assertThat(hops(t, 1, 2)).containsExactly(link(1, 2));
        assertThat(t.path(dev(2), dev(1))).isEmpty();
    }

    @Test
    void aCustomWeigherChangesThePathAndTheCostIsItsSum() {
        LinkWeigher avoidTwo = l -> l.touches(dev(2)) ? 10 : 1.5;
        Topology t = topology(devices(1, 4), ring(4), avoidTwo);

        assertThat(hops(t, 1, 3)).containsExactly(link(1, 4), link(4, 3));
        assertThat(cost(t, 1, 3)).isEqualTo(3.0);
        assertThat(hops(t, 1, 2)).as("one heavy hop still beats three light ones plus a heavy one")
                .containsExactly(link(1, 2));
        assertThat(cost(t, 1, 2)).isEqualTo(10.0);
    }

    @Test
    void linksWithZeroNegativeOrNonFiniteWeightAreNotUsed() {
        Map<Link, Double> weights = new HashMap<>();
        weights.put(link(1, 2), 0.0);
        LinkWeigher weigher = l -> weights.getOrDefault(l, 1.0);
        Topology t = topology(devices(1, 4), ring(4), weigher);
        assertThat(hops(t, 1, 2)).as("the free link is skipped, not taken")
                .containsExactly(link(1, 4), link(4, 3), link(3, 2));

        weights.put(link(1, 4), -5.0);
        assertThat(topology(devices(1, 4), ring(4), weigher).path(dev(1), dev(3))).isEmpty();
        assertThat(hops(topology(devices(1, 4), ring(4), weigher), 2, 1)).containsExactly(link(2, 1));

        weights.put(link(1, 4), Double.NaN);
        assertThat(topology(devices(1, 4), ring(4), weigher).path(dev(1), dev(3))).isEmpty();
        weights.put(link(1, 4), Double.POSITIVE_INFINITY);
        assertThat(topology(devices(1, 4), ring(4), weigher).path(dev(1), dev(3))).isEmpty();
    }

    @Test
    void linksToDevicesOutsideTheSnapshotAreLeftOut() {
        Topology t = topology(Set.of(dev(3), dev(1), dev(2)), ring(4));

        assertThat(t.devices()).containsExactly(dev(1), dev(2), dev(3));
        assertThat(t.links()).containsExactlyInAnyOrderElementsOf(linear(3));
        assertThat(hops(t, 1, 3)).containsExactly(link(1, 2), link(2, 3));
        assertThat(t.egressLinks(dev(1))).containsExactly(link(1, 2));
    }

    @Test
    void egressLinksAreSortedByDestinationThenPort() {
        Topology t = topology(devices(1, 3), Set.of(link(1, 5, 3, 1), link(1, 2, 2, 1), link(1, 1, 2, 2)));
        assertThat(t.egressLinks(dev(1))).containsExactly(link(1, 1, 2, 2), link(1, 2, 2, 1), link(1, 5, 3, 1));
        assertThat(t.egressLinks(dev(2))).isEmpty();
    }

    @Test
    void theBroadcastTreeOfARingLeavesOneCableOut() {
        Topology t = topology(devices(1, 4), ring(4));

        assertSpanningTree(t);
        assertThat(treeLinks(t)).hasSize(6);
        // From the lowest id, breadth first: 1-2, 1-4, then 2-3.
        assertThat(treeLinks(t)).containsExactlyInAnyOrderElementsOf(union(wire(1, 2), wire(1, 4), wire(2, 3)));
        assertThat(t.broadcastPorts(dev(1))).containsExactly(cp(1, 2), cp(1, 4));
        assertThat(t.broadcastPorts(dev(3))).containsExactly(cp(3, 2));
        assertThat(t.broadcastPorts(dev(4))).containsExactly(cp(4, 1));
        assertThat(t.broadcastPorts(dev(9))).isEmpty();
    }

    @Test
    void theBroadcastTreeOfAMeshAGridAndALeafSpineSpansThemWithoutALoop() {
        Set<Link> mesh = new HashSet<>();
        for (long a = 1; a <= 5; a++) {
            for (long b = a + 1; b <= 5; b++) {
                mesh.addAll(wire(a, b));
            }
        }
        Topology full = topology(devices(1, 5), mesh);
        assertSpanningTree(full);
        assertThat(treeLinks(full)).hasSize(2 * 4);

        Topology squares = topology(devices(1, 9), grid(3, 3));
        assertSpanningTree(squares);
        assertThat(treeLinks(squares)).hasSize(2 * 8);

        Topology fabric = topology(devices(1, 6), leafSpine(2, 4));
        assertSpanningTree(fabric);
        assertThat(treeLinks(fabric)).hasSize(2 * 5);
    }

    @Test
    void eachConnectedPartGetsItsOwnTree() {
        Set<Link> links = union(ring(4), wire(5, 6), wire(6, 7));
        Topology t = topology(devices(1, 8), links);

        assertSpanningTree(t);
        assertThat(treeLinks(t)).as("8 devices in 3 parts: 5 cables").hasSize(2 * 5);
        assertThat(treeLinks(t)).containsAll(union(wire(5, 6), wire(6, 7)));
        assertThat(t.broadcastPorts(dev(8))).isEmpty();
    }

    @Test
    void parallelCablesPutOnlyOneOnTheTree() {
        Set<Link> links = Set.of(link(1, 1, 2, 1), link(2, 1, 1, 1), link(1, 2, 2, 2), link(2, 2, 1, 2));
        Topology t = topology(devices(1, 2), links);

        assertSpanningTree(t);
        assertThat(treeLinks(t)).containsExactlyInAnyOrder(link(1, 1, 2, 1), link(2, 1, 1, 1));
        assertThat(t.broadcastPorts(dev(1))).containsExactly(cp(1, 1));
        assertThat(t.broadcastPorts(dev(2))).containsExactly(cp(2, 1));
    }

    @Test
    void linksSeenInOnlyOneDirectionAreNotOnTheTree() {
        // 1->2 found but not 2->1; 4->5 found but not 5->4.
        Set<Link> links = union(without(ring(4), link(2, 1)), Set.of(link(4, 5)));
        Topology t = topology(devices(1, 5), links);

        assertSpanningTree(t);
        assertThat(t.onBroadcastTree(link(1, 2))).isFalse();
        assertThat(t.onBroadcastTree(link(4, 5))).isFalse();
        assertThat(treeLinks(t)).as("1-4-3-2 still spans the ring")
                .containsExactlyInAnyOrderElementsOf(union(wire(1, 4), wire(4, 3), wire(3, 2)));
        assertThat(t.broadcastPorts(dev(5))).isEmpty();
        assertThat(t.broadcastPorts(dev(4))).containsExactly(cp(4, 1), cp(4, 3));
    }

    @Test
    void removingALinkKeepsTheCachedTreesThatDidNotUseIt() {
        Topology before = topology(devices(1, 4), ring(4));
        assertThat(before.cachedTrees()).isZero();
        // From 1: 1->2, 2->3, 1->4. From 3: 3->2, 2->1, 3->4.
        List<Link> fromOne = hops(before, 1, 3);
        hops(before, 3, 4);
        assertThat(before.cachedTrees()).isEqualTo(2);

        Topology after = before.next(devices(1, 4), without(ring(4), link(3, 4)));

        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.cachedTrees()).as("only the tree from 3 used 3->4").isEqualTo(1);
        assertThat(hops(after, 1, 3)).isEqualTo(fromOne);
        assertThat(after.cachedTrees()).as("the tree from 1 was carried over, not recomputed").isEqualTo(1);
        assertThat(hops(after, 3, 4)).containsExactly(link(3, 2), link(2, 1), link(1, 4));
        assertThat(after.cachedTrees()).isEqualTo(2);
    }

    @Test
    void anyAdditionStartsTheCacheAfresh() {
        Topology before = topology(devices(1, 4), ring(4));
        for (long d = 1; d <= 4; d++) {
            before.path(dev(d), dev(1 + d % 4));
        }
        assertThat(before.cachedTrees()).isEqualTo(4);

        assertThat(before.next(devices(1, 4), ring(4)).cachedTrees()).as("nothing changed").isEqualTo(4);
        Topology shortcut = before.next(devices(1, 4), union(ring(4), Set.of(link(1, 3))));
        assertThat(shortcut.cachedTrees()).isZero();
        assertThat(hops(shortcut, 1, 3)).containsExactly(link(1, 3));
        assertThat(before.next(devices(1, 5), ring(4)).cachedTrees()).as("a device joined").isZero();
        assertThat(before.next(devices(1, 4), without(union(ring(4), Set.of(link(1, 3))), link(2, 3)))
                .cachedTrees()).as("one link added while another went").isZero();
    }

    @Test
    void aDeviceGoingAwayDropsTheTreesFromItAndThroughItOnly() {
        Topology before = topology(devices(1, 6), union(ring(4), wire(5, 6)));
        hops(before, 1, 3);
        hops(before, 5, 6);
        hops(before, 6, 5);
        assertThat(before.cachedTrees()).isEqualTo(3);

        Set<DeviceId> left = devices(1, 5);
        Topology after = before.next(left, union(ring(4), wire(5, 6)));

        assertThat(after.links()).containsExactlyInAnyOrderElementsOf(ring(4));
        assertThat(after.cachedTrees()).isEqualTo(1);
        assertThat(after.path(dev(5), dev(6))).isEmpty();
        assertThat(after.path(dev(1), dev(5))).isEmpty();
    }

    @Test
    void afterARemovalNoPathUsesTheRemovedLinkAndEveryCostIsWhatAFreshComputationGives() {
        checkEveryRemoval(devices(1, 6), ring(6));
        checkEveryRemoval(devices(1, 9), grid(3, 3));
        checkEveryRemoval(devices(1, 5), leafSpine(2, 3));
    }

    private static void checkEveryRemoval(Set<DeviceId> ids, Set<Link> links) {
        for (Link gone : links) {
            for (Link[] removal : List.of(new Link[] {gone}, new Link[] {gone, gone.reversed()})) {
                Topology warm = topology(ids, links);
                for (DeviceId s : ids) {
                    for (DeviceId d : ids) {
                        warm.path(s, d);
                    }
                }
                Set<Link> left = without(links, removal);
                Topology incremental = warm.next(ids, left);
                Topology fresh = topology(ids, left);
                for (DeviceId s : ids) {
                    for (DeviceId d : ids) {
                        Optional<Path> path = incremental.path(s, d);
                        assertThat(path.map(Path::cost)).as("%s to %s without %s", s, d, gone)
                                .isEqualTo(fresh.path(s, d).map(Path::cost));
                        path.ifPresent(p -> assertThat(left).containsAll(p.links()));
                    }
                }
            }
        }
    }

    private static Set<Link> treeLinks(Topology t) {
        return t.links().stream().filter(t::onBroadcastTree).collect(Collectors.toSet());
    }

    /**
     * Tree links come in both directions, have no cycle, and connect exactly the devices that
     * links found in both directions connect; so there are (devices - parts) cables on it.
     */
    private static void assertSpanningTree(Topology t) {
        Set<Link> tree = treeLinks(t);
        for (Link link : tree) {
            assertThat(tree).as("reverse of %s", link).contains(link.reversed());
        }
        Map<DeviceId, DeviceId> treeParts = new HashMap<>();
        int cables = 0;
        for (Link link : tree) {
            if (link.src().toString().compareTo(link.dst().toString()) < 0) {
                cables++;
                assertThat(join(treeParts, link.src().device(), link.dst().device()))
                        .as("%s closes a loop", link).isTrue();
            }
        }
        Map<DeviceId, DeviceId> parts = new HashMap<>();
        for (Link link : t.links()) {
            if (t.links().contains(link.reversed())) {
                join(parts, link.src().device(), link.dst().device());
            }
        }
        Set<DeviceId> roots = new HashSet<>();
        for (DeviceId a : t.devices()) {
            roots.add(find(parts, a));
            for (DeviceId b : t.devices()) {
                assertThat(find(treeParts, a).equals(find(treeParts, b)))
                        .as("%s and %s on one tree", a, b).isEqualTo(find(parts, a).equals(find(parts, b)));
            }
        }
        assertThat(cables).isEqualTo(t.devices().size() - roots.size());
    }

    private static DeviceId find(Map<DeviceId, DeviceId> parent, DeviceId d) {
        DeviceId at = d;
        while (parent.containsKey(at)) {
            at = parent.get(at);
        }
        return at;
    }

    /** False when {@code a} and {@code b} were joined already. */
    private static boolean join(Map<DeviceId, DeviceId> parent, DeviceId a, DeviceId b) {
        DeviceId ra = find(parent, a);
        DeviceId rb = find(parent, b);
        if (ra.equals(rb)) {
            return false;
        }
        parent.put(ra, rb);
        return true;
    }
}

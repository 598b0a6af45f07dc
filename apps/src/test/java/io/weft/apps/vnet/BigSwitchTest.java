package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Two tenants' big switches on one fabric, using the same MAC and IP addresses (hosts 1..4),
 * with ports shared on distinct VLANs: blue has s2/3 VLAN 100 and s3/5 on VLANs 200 and 300,
 * red has s2/3 VLAN 200 and s3/5 VLAN 400. Ports s1/6 and s{far}/6 belong to no network.
 */
class BigSwitchTest {
    /** The fabric, and the switch its fourth site is on. */
    record Layout(String name, Supplier<VnetLab> lab, long far) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> fabrics() {
        return Stream.of(Arguments.of(new Layout("ring", () -> VnetLab.ring(4), 4)),
                Arguments.of(new Layout("leaf-spine", VnetLab::leafSpine, 1)));
    }

    private static Net blue(long far) {
        return Net.bigSwitch("blue", "web", 101)
                .site(point(1, 3), 0, 1)
                .site(point(2, 3), 100, 2)
                .site(point(3, 4), 0, 3)
                .site(point(3, 5), 200, 4)
                .site(point(3, 5), 300, 5);
    }

    private static Net red(long far) {
        return Net.bigSwitch("red", "web", 102)
                .site(point(1, 4), 0, 1)
                .site(point(2, 3), 200, 2)
                .site(point(far, 7), 100, 3)
                .site(point(3, 5), 400, 4);
    }

    private static Set<Delivered> expectedFlood(Net net, Site from) {
        Set<Delivered> expected = new HashSet<>();
        net.sites.stream().filter(s -> s != from).forEach(s -> expected.add(new Delivered(s.point(), s.vlan())));
        return expected;
    }

    /** Where a copy left, and tagged how. */
    record Delivered(ConnectPoint port, VlanId vlan) {
    }

    private static List<Delivered> delivered(List<Fabric.Delivery> deliveries) {
        return deliveries.stream().map(d -> new Delivered(d.port(), d.vlan())).toList();
    }

    @ParameterizedTest
    @MethodSource("fabrics")
    void everyPairOfHostsReachesEachOtherWithItsOwnVlan(Layout layout) {
        VnetLab lab = layout.lab().get();
        Net blue = blue(layout.far());
        Net red = red(layout.far());
        lab.apply(blue, red);
        for (Net net : List.of(blue, red)) {
            for (Site from : net.sites) {
                for (Site to : net.sites) {
                    if (from == to) {
                        continue;
                    }
                    Fabric.Trace trace = lab.trace(from, to.mac());
                    assertThat(trace.exit()).as("%s to %s", from, to).contains(to.point());
                    assertThat(trace.vlan()).as("%s to %s", from, to).isEqualTo(to.vlan());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fabrics")
    void aBroadcastReachesEveryOtherPortOfItsNetworkOnce(Layout layout) {
        VnetLab lab = layout.lab().get();
        Net blue = blue(layout.far());
        Net red = red(layout.far());
        lab.apply(blue, red);
        for (Net net : List.of(blue, red)) {
            for (Site from : net.sites) {
                assertThat(delivered(lab.deliver(from, MacAddress.BROADCAST))).as("broadcast from %s", from)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedFlood(net, from));
                assertThat(delivered(lab.deliver(from, MacAddress.valueOf("02:00:00:00:00:99"))))
                        .as("unknown destination from %s", from)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedFlood(net, from));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fabrics")
    void networksWithTheSameAddressesNeverCross(Layout layout) {
        VnetLab lab = layout.lab().get();
        Net blue = blue(layout.far());
        Net red = red(layout.far());
        lab.apply(blue, red);
        List<MacAddress> destinations = new ArrayList<>(List.of(MacAddress.BROADCAST,
                MacAddress.valueOf("02:00:00:00:00:99")));
        for (int mac = 1; mac <= 5; mac++) {
            destinations.add(MacAddress.valueOf((long) mac));
        }
        for (Net net : List.of(blue, red)) {
            Set<Delivered> own = new HashSet<>();
            net.sites.forEach(s -> own.add(new Delivered(s.point(), s.vlan())));
            for (Site from : net.sites) {
                for (MacAddress dst : destinations) {
                    assertThat(delivered(lab.deliver(from, dst))).as("%s to %s", from, dst).isSubsetOf(own);
                }
            }
        }
    }

    @Test
    void theTenantsVlanIsRestoredWhereTheFrameLeaves() {
        VnetLab lab = VnetLab.ring(4);
        Net blue = blue(4);
        lab.apply(blue);
        Fabric.Trace toTagged = lab.trace(blue.site(0), blue.site(1).mac());
        assertThat(toTagged.crossed()).isNotEmpty();
        assertThat(toTagged.vlan()).isEqualTo(VlanId.vlanId((short) 100));
        Fabric.Trace samePortOtherVlan = lab.trace(blue.site(3), blue.site(4).mac());
        assertThat(samePortOtherVlan.crossed()).isEmpty();
        assertThat(samePortOtherVlan.exit()).contains(point(3, 5));
        assertThat(samePortOtherVlan.vlan()).isEqualTo(VlanId.vlanId((short) 300));
        Fabric.Trace toUntagged = lab.trace(blue.site(1), blue.site(2).mac());
        assertThat(toUntagged.exit()).contains(point(3, 4));
        assertThat(toUntagged.vlan()).isEqualTo(VlanId.NONE);
    }

    @Test
    void arpBroadcastsFromAnAttachmentGoToTheController() {
        VnetLab lab = VnetLab.ring(4);
        Net blue = blue(4);
        lab.apply(blue);
        Site from = blue.site(1);
        Fabric.Trace arp = lab.fabric.trace(from.point(), from.vlan(), from.mac(), MacAddress.BROADCAST,
                Ethernet.TYPE_ARP);
        assertThat(arp.exit()).contains(new ConnectPoint(from.point().device(), PortNumber.CONTROLLER));
        assertThat(arp.crossed()).isEmpty();
    }

    @Test
    void framesFromPortsOfNoNetworkMatchNoRuleOfAny() {
        VnetLab lab = VnetLab.ring(4);
        Net blue = blue(4);
        Net red = red(4);
        lab.apply(blue, red);
        List<ConnectPoint> unassigned = List.of(point(1, 6), point(4, 6), point(2, 3), point(3, 5));
        List<VlanId> tags = List.of(VlanId.NONE, VlanId.vlanId((short) 101), VlanId.vlanId((short) 102),
                VlanId.vlanId((short) 999));
        for (ConnectPoint port : unassigned) {
            for (VlanId vlan : tags) {
                if (port.equals(point(3, 5)) && vlan.equals(VlanId.NONE)) {
                    continue;
                }
                boolean vlanOfAttachment = Stream.of(blue, red).flatMap(n -> n.sites.stream())
                        .anyMatch(s -> s.point().equals(port) && s.vlan().equals(vlan));
                if (vlanOfAttachment) {
                    continue;
                }
                for (int mac = 1; mac <= 5; mac++) {
                    Ethernet frame = VnetLab.frame(MacAddress.valueOf(9L), MacAddress.valueOf((long) mac), vlan,
                            Ethernet.TYPE_IPV4);
                    assertThat(lab.fabric.deliver(port, frame)).as("%s %s to %s", port, vlan, mac).isEmpty();
                }
                assertThat(lab.fabric.deliver(port, VnetLab.frame(MacAddress.valueOf(9L), MacAddress.BROADCAST, vlan,
                        Ethernet.TYPE_ARP))).as("%s %s ARP", port, vlan).isEmpty();
            }
        }
        // The same holds of every rule, not just of these frames: each matches a port of its own network or the fabric.
        Set<ConnectPoint> fabricPorts = new HashSet<>();
        lab.fabric.links.links().forEach(l -> fabricPorts.add(l.src()));
        for (FlowRule rule : lab.rules()) {
            ConnectPoint in = new ConnectPoint(rule.device(), rule.match().inPort().orElseThrow());
            Net owner = VnetCompiler.tagOf(rule.cookie()).getAsInt() == 101 ? blue : red;
            boolean ownAttachment = owner.sites.stream().anyMatch(s -> s.point().equals(in)
                    && rule.match().vlan().equals(Optional.of(s.vlan())));
            assertThat(ownAttachment || fabricPorts.contains(in) || rule.match().vlan().isEmpty())
                    .as("%s", rule).isTrue();
            if (fabricPorts.contains(in)) {
                assertThat(rule.match().vlan()).as("%s", rule).contains(VlanId.vlanId((short) owner.network.tag()));
            }
        }
    }

    @Test
    void aLinkDownOffTheTreeReroutesOnlyThePathsThatCrossedIt() {
        VnetLab lab = VnetLab.ring(4);
        Net blue = blue(4);
        Net red = red(4);
        lab.apply(blue, red);
        Link failing = new Link(point(3, 1), point(4, 2));
        Set<String> affected = new HashSet<>();
        Set<String> unaffected = new HashSet<>();
        for (Net net : List.of(blue, red)) {
            for (Site to : net.sites) {
                boolean crosses = net.sites.stream().filter(s -> s != to).map(s -> lab.trace(s, to.mac()).crossed())
                        .anyMatch(c -> c.contains(failing) || c.contains(failing.reversed()));
                (crosses ? affected : unaffected).add(net.network.tag() + "/" + to.mac());
            }
        }
        assertThat(affected).isNotEmpty();
        assertThat(unaffected).isNotEmpty();

        lab.fabric.portDown(point(3, 1));
        Map<DeviceId, List<FlowOperation>> operations = lab.apply(blue, red);

        assertThat(operations).isNotEmpty();
        for (FlowOperation op : operations.values().stream().flatMap(List::stream).toList()) {
            FlowRule rule = op.rule();
            assertThat(rule.priority()).as("the broadcast tree did not change: %s", op)
                    .isEqualTo(VnetCompiler.UNICAST_PRIORITY);
            assertThat(affected).as("%s", op)
                    .contains(VnetCompiler.tagOf(rule.cookie()).getAsInt() + "/" + rule.match().ethDst().orElseThrow());
        }
        everyoneStillConnected(lab, blue, red);
    }

    @Test
    void aLinkDownOnTheTreeStillLeavesEveryoneConnectedAndBroadcastsOnce() {
        VnetLab lab = VnetLab.ring(4);
        Net blue = blue(4);
        Net red = red(4);
        lab.apply(blue, red);
        lab.fabric.portDown(point(1, 1));
        assertThat(lab.apply(blue, red).values().stream().flatMap(List::stream)
                .anyMatch(op -> op.rule().priority() == VnetCompiler.FLOOD_PRIORITY)).isTrue();
        everyoneStillConnected(lab, blue, red);
        for (Net net : List.of(blue, red)) {
            for (Site from : net.sites) {
                assertThat(delivered(lab.deliver(from, MacAddress.BROADCAST))).as("broadcast from %s", from)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedFlood(net, from));
            }
        }
    }

    private static void everyoneStillConnected(VnetLab lab, Net... nets) {
        for (Net net : nets) {
            for (Site from : net.sites) {
                for (Site to : net.sites) {
                    if (from != to) {
                        assertThat(lab.trace(from, to.mac()).exit()).as("%s to %s", from, to).contains(to.point());
                    }
                }
            }
        }
    }

    @Test
    void deletingANetworkRemovesAllItsRulesAndNothingElse() {
        VnetLab lab = VnetLab.leafSpine();
        Net blue = blue(1);
        Net red = red(1);
        lab.apply(blue, red);
        long blueCookie = VnetCompiler.cookie(blue.network);
        List<FlowRule> blueRules = lab.rules().stream().filter(r -> r.cookie() == blueCookie).toList();
        assertThat(blueRules).isNotEmpty();

        Map<DeviceId, List<FlowOperation>> operations = lab.apply(red);

        List<FlowOperation> all = operations.values().stream().flatMap(List::stream).toList();
        assertThat(all).allMatch(op -> op.type() == FlowOperation.Type.REMOVE)
                .extracting(FlowOperation::rule).containsExactlyInAnyOrderElementsOf(blueRules);
        assertThat(lab.fabric.tables.values().stream().flatMap(List::stream))
                .noneMatch(r -> r.cookie() == blueCookie).isNotEmpty();
        everyoneStillConnected(lab, red);
    }

    @Test
    void recompilingWithoutAChangeTouchesNothing() {
        VnetLab lab = VnetLab.ring(4);
        lab.apply(blue(4), red(4));
        assertThat(lab.apply(blue(4), red(4))).isEmpty();
    }
}

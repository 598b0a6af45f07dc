package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.link.ConnectPoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * A custom network vs1–vs2–vs3 on a ring of four: vs1 has hosts 1 (s1/3) and 2 (s1/4 VLAN 10),
 * vs2 host 3 (s2/3), vs3 hosts 4 (s3/3) and 5 (s4/3 VLAN 20). A big switch of another tenant
 * shares the fabric and the addresses.
 */
class CustomNetworkTest {
    private final VnetLab lab = VnetLab.ring(4);
    private final Net green = Net.custom("green", "lab", 201)
            .site("vs1", point(1, 3), 0, 1)
            .site("vs1", point(1, 4), 10, 2)
            .site("vs2", point(2, 3), 0, 3)
            .site("vs3", point(3, 3), 0, 4)
            .site("vs3", point(4, 3), 20, 5)
            .link("vs1", "vs2")
            .link("vs2", "vs3");
    private final Net blue = Net.bigSwitch("blue", "web", 101)
            .site(point(1, 5), 0, 1)
            .site(point(3, 4), 0, 2)
            .site(point(4, 3), 30, 3);

    private List<Site> sitesOf(String... switches) {
        Set<String> names = Set.of(switches);
        return green.sites.stream().filter(s -> names.contains(s.port().virtualSwitch())).toList();
    }

    private void assertConnected(List<Site> sites) {
        for (Site from : sites) {
            for (Site to : sites) {
                if (from != to) {
                    Fabric.Trace trace = lab.trace(from, to.mac());
                    assertThat(trace.exit()).as("%s to %s", from, to).contains(to.point());
                    assertThat(trace.vlan()).as("%s to %s", from, to).isEqualTo(to.vlan());
                }
            }
        }
    }

    private Set<ConnectPoint> delivered(Site from, MacAddress dst) {
        List<Fabric.Delivery> copies = lab.deliver(from, dst);
        assertThat(copies).as("copies from %s to %s", from, dst).doesNotHaveDuplicates();
        return copies.stream().map(Fabric.Delivery::port).collect(Collectors.toSet());
    }

    private static Set<ConnectPoint> points(List<Site> sites, Site except) {
        return sites.stream().filter(s -> s != except).map(Site::point).collect(Collectors.toSet());
    }

    @Test
    void allHostsReachEachOtherAcrossTheVirtualSwitches() {
        lab.apply(green, blue);
        assertConnected(green.sites);
        for (Site from : green.sites) {
            assertThat(delivered(from, MacAddress.BROADCAST)).as("broadcast from %s", from)
                    .isEqualTo(points(green.sites, from));
        }
    }

    @Test
    void removingTheVs2Vs3LinkCutsVs3OffAndNothingElse() {
        lab.apply(green, blue);
        Map<DeviceId, Set<FlowRule>> before = lab.installed;

        Map<DeviceId, List<FlowOperation>> operations = lab.apply(green.unlink("vs2", "vs3"), blue);

        List<Site> near = sitesOf("vs1", "vs2");
        List<Site> far = sitesOf("vs3");
        assertConnected(near);
        assertConnected(far);
        for (Site from : green.sites) {
            List<Site> others = near.contains(from) ? far : near;
            for (Site to : others) {
                assertThat(lab.trace(from, to.mac()).exit()).as("%s to %s", from, to).isEmpty();
                assertThat(delivered(from, to.mac())).as("%s to %s", from, to).doesNotContainAnyElementsOf(
                        points(others, null));
            }
        }
        for (Site from : near) {
            assertThat(delivered(from, MacAddress.BROADCAST)).as("broadcast from %s", from)
                    .isEqualTo(points(near, from));
        }
        for (Site from : far) {
            // vs3 spans two switches and the tag's tree serves vs1-vs2: its broadcasts go by the controller.
            assertThat(delivered(from, MacAddress.BROADCAST)).as("broadcast from %s", from)
                    .containsExactly(new ConnectPoint(from.point().device(), PortNumber.CONTROLLER));
        }

        long greenCookie = VnetCompiler.cookie(green.network);
        List<FlowOperation> all = operations.values().stream().flatMap(List::stream).toList();
        assertThat(all).isNotEmpty().allMatch(op -> op.rule().cookie() == greenCookie);
        Set<MacAddress> nearHosts = near.stream().map(Site::mac).collect(Collectors.toSet());
        for (Site from : near) {
            // What carries vs1-vs2 traffic from its own ports is exactly what it was.
            Set<FlowRule> nearUnicast = lab.installed.get(from.point().device()).stream()
                    .filter(r -> r.match().inPort().equals(Optional.of(from.point().port()))
                            && r.match().ethDst().filter(nearHosts::contains).isPresent())
                    .collect(Collectors.toSet());
            assertThat(nearUnicast).isNotEmpty().isSubsetOf(before.get(from.point().device()));
        }
    }

    @Test
    void linkingVs2AndVs3AgainRestoresTheFirstRules() {
        lab.apply(green, blue);
        Map<DeviceId, Set<FlowRule>> first = lab.installed;
        lab.apply(green.unlink("vs2", "vs3"), blue);
        lab.apply(green.link("vs2", "vs3"), blue);
        assertThat(lab.installed).isEqualTo(first);
        assertConnected(green.sites);
    }

    @Test
    void aPartOnOneSwitchFloodsThereWithoutTheFabric() {
        Net split = Net.custom("green", "split", 202)
                .site("vs1", point(1, 3), 0, 1)
                .site("vs2", point(2, 3), 0, 2)
                .site("vs2", point(2, 4), 40, 3)
                .site("vs2", point(2, 5), 0, 4);
        lab.apply(split);
        Site from = split.site(1);
        List<Fabric.Delivery> copies = lab.deliver(from, MacAddress.BROADCAST);
        assertThat(copies).extracting(Fabric.Delivery::port)
                .containsExactlyInAnyOrder(point(2, 4), point(2, 5));
        assertThat(copies).filteredOn(c -> c.port().equals(point(2, 4))).extracting(Fabric.Delivery::vlan)
                .containsExactly(VlanId.vlanId((short) 40));
        assertThat(lab.deliver(split.site(0), MacAddress.BROADCAST)).isEmpty();
        assertThat(lab.trace(split.site(0), split.site(1).mac()).exit()).isEmpty();
        assertThat(lab.trace(split.site(3), split.site(2).mac()).exit()).contains(point(2, 4));
    }
}

package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualPortId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;

/** What the compiler leaves out when its input contradicts itself, and counts. */
class VnetCompilerTest {
    private final VnetLab lab = VnetLab.ring(3);

    private Map<DeviceId, Set<FlowRule>> compile(NetworkSpec... specs) {
        return lab.compiler.compile(List.of(specs), lab.fabric.topology.topology());
    }

    private static List<FlowRule> rulesOf(Map<DeviceId, Set<FlowRule>> rules, Net net) {
        long cookie = VnetCompiler.cookie(net.network);
        return rules.values().stream().flatMap(Set::stream).filter(r -> r.cookie() == cookie).toList();
    }

    private static boolean matchesPort(FlowRule rule, ConnectPoint point) {
        return rule.device().equals(point.device()) && rule.match().inPort().equals(Optional.of(point.port()));
    }

    @Test
    void aCookieNamesTheAppAndTheNetworksTag() {
        Net blue = Net.bigSwitch("blue", "web", 4094);
        long cookie = VnetCompiler.cookie(blue.network);
        assertThat(Cookies.isWeft(cookie)).isTrue();
        assertThat(Cookies.appId(cookie)).isEqualTo(VnetCompiler.APP.id());
        assertThat(VnetCompiler.tagOf(cookie)).hasValue(4094);
        assertThat(VnetCompiler.tagOf(Cookies.cookie(VnetCompiler.APP, 0) ^ (1L << 48))).isEmpty();
        assertThat(VnetCompiler.tagOf(0x1234)).isEmpty();
        assertThat(VnetCompiler.tagOf(Cookies.cookie(VnetCompiler.APP, 5000))).isEmpty();
    }

    @Test
    void aSecondNetworkOnATagAlreadyTakenGetsNoRules() {
        Net blue = Net.bigSwitch("blue", "web", 101).site(point(1, 3), 0, 1).site(point(2, 3), 0, 2);
        Net red = Net.bigSwitch("red", "web", 101).site(point(1, 4), 0, 1).site(point(2, 4), 0, 2);
        Map<DeviceId, Set<FlowRule>> rules = compile(red.spec(), blue.spec());
        assertThat(lab.fabric.counters.get("vnet.compile.tag_conflict")).isEqualTo(1);
        assertThat(rules.values().stream().flatMap(Set::stream)).isNotEmpty()
                .noneMatch(r -> matchesPort(r, point(1, 4)) || matchesPort(r, point(2, 4)));
    }

    @Test
    void anAttachmentTwoNetworksClaimStaysWithTheFirst() {
        Net blue = Net.bigSwitch("blue", "web", 101).site(point(1, 3), 0, 1).site(point(2, 3), 0, 2);
        Net red = Net.bigSwitch("red", "web", 102).site(point(1, 3), 7, 1).site(point(2, 4), 0, 2);
        Map<DeviceId, Set<FlowRule>> rules = compile(blue.spec(), red.spec());
        assertThat(lab.fabric.counters.get("vnet.compile.attachment_conflict")).isEqualTo(1);
        assertThat(rulesOf(rules, red)).isNotEmpty().noneMatch(r -> matchesPort(r, point(1, 3)));
        assertThat(rulesOf(rules, blue)).anyMatch(r -> matchesPort(r, point(1, 3)));
    }

    @Test
    void anAttachmentOfAnotherTenantOrOnALinkIsLeftOut() {
        Net blue = Net.bigSwitch("blue", "web", 101).site(point(1, 3), 0, 1).site(point(2, 3), 0, 2);
        Map<VirtualPortId, Attachment> edges = new LinkedHashMap<>(blue.spec().edges());
        edges.put(new VirtualPortId("big", 7), new Attachment("att-77", new TenantId("red"), point(3, 3),
                Optional.empty()));
        edges.put(new VirtualPortId("big", 8), new Attachment("att-78", new TenantId("blue"), point(1, 1),
                Optional.empty()));
        Map<DeviceId, Set<FlowRule>> rules = compile(new NetworkSpec(blue.network, edges, List.of(),
                blue.spec().hosts()));
        assertThat(lab.fabric.counters.get("vnet.compile.foreign_attachment")).isEqualTo(1);
        assertThat(lab.fabric.counters.get("vnet.compile.attachment_on_link")).isEqualTo(1);
        assertThat(rules.values().stream().flatMap(Set::stream))
                .noneMatch(r -> matchesPort(r, point(3, 3)))
                .noneMatch(r -> matchesPort(r, point(1, 1)) && !r.match().vlan().equals(
                        Optional.of(VlanId.vlanId((short) 101))));
    }

    @Test
    void aMacTwiceInOneNetworkKeepsTheDeclaredHostAndAHostOffTheEdgesIsLeftOut() {
        Net blue = Net.bigSwitch("blue", "web", 101).site(point(1, 3), 0, 1).site(point(2, 3), 0, 2)
                .site(point(3, 3), 0, 3);
        List<VirtualHost> hosts = new ArrayList<>();
        hosts.add(new VirtualHost(blue.network.id(), MacAddress.valueOf(1L), Set.of(), blue.site(2).port(), false));
        hosts.addAll(blue.spec().hosts());
        hosts.add(new VirtualHost(blue.network.id(), MacAddress.valueOf(9L), Set.of(), new VirtualPortId("big", 99),
                true));
        NetworkSpec spec = new NetworkSpec(blue.network, blue.spec().edges(), List.of(), hosts);
        lab.apply(List.of(spec));
        assertThat(lab.fabric.counters.get("vnet.compile.duplicate_host")).isEqualTo(1);
        assertThat(lab.fabric.counters.get("vnet.compile.host_off_edge")).isEqualTo(1);
        assertThat(lab.trace(blue.site(1), MacAddress.valueOf(1L)).exit()).contains(point(1, 3));
    }

    @Test
    void anAttachmentOnASwitchNotConnectedGetsNoRulesAndTheRestStillWork() {
        Net blue = Net.bigSwitch("blue", "web", 101).site(point(1, 3), 0, 1).site(point(2, 3), 0, 2)
                .site(point(9, 3), 0, 3);
        lab.apply(blue);
        assertThat(lab.installed).doesNotContainKey(point(9, 3).device());
        assertThat(lab.trace(blue.site(0), blue.site(1).mac()).exit()).contains(point(2, 3));
        assertThat(lab.fabric.counters.snapshot()).doesNotContainKeys("vnet.compile.attachment_conflict",
                "vnet.compile.foreign_attachment");
    }
}

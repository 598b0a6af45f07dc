package io.weft.apps.fabric;

import static io.weft.apps.fabric.Fabric.device;
import static io.weft.apps.fabric.Fabric.point;
import static io.weft.apps.fabric.Frames.mac;
import static io.weft.apps.fabric.Frames.unicast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.link.ConnectPoint;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * The test fabric honours VLAN matches and tag actions the way a switch would, so the
 * virtual-network compiler can be tested on it: s1 port 2 is cabled to s2 port 2; port 1 of
 * each, and s2 port 3, are edge ports. The rules carry fabric tag 2001 from an untagged host on s1 to a
 * host on s2 that wants its own VLAN 100, and back untagged.
 */
class FabricVlanTest {
    private static final VlanId TENANT = VlanId.vlanId((short) 100);
    private static final VlanId FABRIC = VlanId.vlanId((short) 2001);

    private final Fabric fabric = new Fabric();

    @BeforeEach
    void twoSwitches() {
        fabric.addSwitch(1, 2).addSwitch(2, 3).cable(point(1, 2), point(2, 2));
        install(rule(1, TrafficMatch.ANY.withInPort(port(1)).withVlan(VlanId.NONE),
                Action.pushVlan(FABRIC), Action.output(port(2))));
        install(rule(2, TrafficMatch.ANY.withInPort(port(2)).withVlan(FABRIC),
                Action.setVlan(TENANT), Action.output(port(1))));
        install(rule(2, TrafficMatch.ANY.withInPort(port(1)).withVlan(TENANT),
                Action.setVlan(FABRIC), Action.output(port(2))));
        install(rule(1, TrafficMatch.ANY.withInPort(port(2)).withVlan(FABRIC),
                Action.popVlan(), Action.output(port(1))));
    }

    private static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    private static FlowRule rule(long dpid, TrafficMatch match, Action... actions) {
        return new FlowRule(device(dpid), 0, 100, match, List.of(actions), 0, 0, 0);
    }

    private void install(FlowRule rule) {
        fabric.apply(rule.device(), List.of(FlowOperation.add(rule)));
    }

    private static Ethernet tagged(Ethernet frame, VlanId vlan) {
        frame.setVlanID(vlan.toShort());
        return frame;
    }

    @Test
    void traceCarriesTheFabricTagAndRestoresTheTenantsVlan() {
        Fabric.Trace there = fabric.trace(point(1, 1), mac(1), mac(2));
        assertThat(there.crossed()).hasSize(1);
        assertThat(there.exit()).contains(point(2, 1));
        assertThat(there.vlan()).isEqualTo(TENANT);

        Fabric.Trace back = fabric.trace(point(2, 1), TENANT, mac(2), mac(1));
        assertThat(back.exit()).contains(point(1, 1));
        assertThat(back.vlan()).isEqualTo(VlanId.NONE);
    }

    @Test
    void aFrameWhoseTagNoRuleNamesGoesNowhere() {
        assertThat(fabric.trace(point(1, 1), TENANT, mac(1), mac(2)).exit()).as("tagged at an untagged attachment")
                .isEmpty();
        assertThat(fabric.trace(point(2, 1), mac(2), mac(1)).exit()).as("untagged at a tagged attachment").isEmpty();
        Fabric.Trace otherTag = fabric.trace(point(2, 1), VlanId.vlanId((short) 101), mac(2), mac(1));
        assertThat(otherTag.exit()).isEmpty();
        assertThat(otherTag.crossed()).isEmpty();
        assertThat(otherTag.vlan()).isEqualTo(VlanId.vlanId((short) 101));
    }

    @Test
    void sentFramesLeaveWithTheTagTheRulesGaveThem() {
        List<Fabric.Delivery> there = fabric.deliver(point(1, 1), unicast(1, 2));
        assertThat(there).extracting(Fabric.Delivery::port).containsExactly(point(2, 1));
        assertThat(there.get(0).vlan()).isEqualTo(TENANT);
        assertThat(there.get(0).frame().getSourceMAC()).isEqualTo(mac(1));
        assertThat(there.get(0).frame().getEtherType()).isEqualTo(Ethernet.TYPE_IPV4);

        List<Fabric.Delivery> back = fabric.deliver(point(2, 1), tagged(unicast(2, 1), TENANT));
        assertThat(back).extracting(Fabric.Delivery::port).containsExactly(point(1, 1));
        assertThat(back.get(0).vlan()).isEqualTo(VlanId.NONE);
        assertThat(back.get(0).frame().getVlanID()).isEqualTo(Ethernet.VLAN_UNTAGGED);
    }

    @Test
    void oneRuleCanSendOneCopyTaggedAndAnotherUntagged() {
        install(new FlowRule(device(2), 0, 200, TrafficMatch.ANY.withInPort(port(2)).withVlan(FABRIC)
                .withEthDst(mac(9)), List.of(Action.output(port(3)), Action.popVlan(), Action.output(port(1))), 0, 0, 0));
        List<Fabric.Delivery> copies = fabric.deliver(point(1, 1), unicast(1, 9));
        assertThat(copies).extracting(Fabric.Delivery::port, Fabric.Delivery::vlan)
                .containsExactly(tuple(point(2, 3), FABRIC), tuple(point(2, 1), VlanId.NONE));
        assertThat(fabric.trace(point(1, 1), mac(1), mac(9)).exit()).as("trace follows the first output")
                .contains(point(2, 3));
    }

    @Test
    void aRuleNamingAnEthertypeTakesOnlyFramesOfThatType() {
        install(new FlowRule(device(1), 0, 300, TrafficMatch.ANY.withInPort(port(1)).withEthType(Ethernet.TYPE_ARP),
                List.of(Action.output(PortNumber.CONTROLLER)), 0, 0, 0));
        assertThat(fabric.trace(point(1, 1), VlanId.NONE, mac(1), mac(2), Ethernet.TYPE_ARP).exit())
                .contains(new ConnectPoint(device(1), PortNumber.CONTROLLER));
        assertThat(fabric.trace(point(1, 1), mac(1), mac(2)).exit()).as("an IPv4 frame").contains(point(2, 1));
        assertThat(fabric.send(point(1, 1), unicast(1, 2))).containsExactly(point(2, 1));
    }

    @Test
    void anOutputToInPortLeavesWhereTheFrameCameIn() {
        install(new FlowRule(device(2), 0, 300, TrafficMatch.ANY.withInPort(port(1)).withVlan(TENANT)
                .withEthDst(mac(7)), List.of(Action.setVlan(VlanId.vlanId((short) 7)), Action.output(PortNumber.IN_PORT)),
                0, 0, 0));
        Fabric.Trace trace = fabric.trace(point(2, 1), TENANT, mac(2), mac(7));
        assertThat(trace.exit()).contains(point(2, 1));
        assertThat(trace.vlan()).isEqualTo(VlanId.vlanId((short) 7));
        assertThat(fabric.deliver(point(2, 1), tagged(unicast(2, 7), TENANT)))
                .extracting(Fabric.Delivery::port, Fabric.Delivery::vlan)
                .containsExactly(tuple(point(2, 1), VlanId.vlanId((short) 7)));
    }
}

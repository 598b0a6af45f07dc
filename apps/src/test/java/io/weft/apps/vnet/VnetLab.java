package io.weft.apps.vnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.FlowDiff;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;

/** The compiler driving the in-memory fabric: compile, diff against what the switches hold, apply. */
final class VnetLab {
    final Fabric fabric = new Fabric();
    final VnetCompiler compiler = new VnetCompiler(fabric.counters);
    Map<DeviceId, Set<FlowRule>> installed = Map.of();

    /** A ring of {@code n} switches: port 1 of each to port 2 of the next; ports 3..8 are edge ports. */
    static VnetLab ring(int n) {
        VnetLab lab = new VnetLab();
        for (int i = 1; i <= n; i++) {
            lab.fabric.addSwitch(i, 8);
        }
        for (int i = 1; i <= n; i++) {
            lab.fabric.cable(Fabric.point(i, 1), Fabric.point(i % n + 1, 2));
        }
        return lab;
    }

    /** Spines 11 and 12, leaves 1..3: leaf port 1 to spine 11, port 2 to spine 12, ports 3..8 edge ports. */
    static VnetLab leafSpine() {
        VnetLab lab = new VnetLab();
        lab.fabric.addSwitch(11, 3).addSwitch(12, 3);
        for (int leaf = 1; leaf <= 3; leaf++) {
            lab.fabric.addSwitch(leaf, 8);
            lab.fabric.cable(Fabric.point(leaf, 1), Fabric.point(11, leaf));
            lab.fabric.cable(Fabric.point(leaf, 2), Fabric.point(12, leaf));
        }
        return lab;
    }

    /** Compiles {@code networks}, applies the diff, and checks the switches then hold exactly the desired rules. */
    Map<DeviceId, List<FlowOperation>> apply(Collection<NetworkSpec> networks) {
        Map<DeviceId, Set<FlowRule>> desired = compiler.compile(networks, fabric.topology.topology());
        Map<DeviceId, List<FlowOperation>> operations = FlowDiff.diff(installed, desired);
        operations.forEach(fabric::apply);
        installed = desired;
        Map<DeviceId, Set<FlowRule>> held = fabric.tables.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HashSet<>(e.getValue())));
        assertThat(held).as("switch tables after the diff").isEqualTo(desired);
        return operations;
    }

    Map<DeviceId, List<FlowOperation>> apply(Net... networks) {
        return apply(Arrays.stream(networks).map(Net::spec).toList());
    }

    /** Where a unicast IPv4 frame from the site's host to {@code dst} leaves the fabric. */
    Fabric.Trace trace(Site from, MacAddress dst) {
        return fabric.trace(from.point(), from.vlan(), from.mac(), dst);
    }

    /** Every copy of an IPv4 frame to {@code dst} sent by the site's host, as it left the fabric. */
    List<Fabric.Delivery> deliver(Site from, MacAddress dst) {
        return fabric.deliver(from.point(), frame(from.mac(), dst, from.vlan(), Ethernet.TYPE_IPV4));
    }

    static Ethernet frame(MacAddress src, MacAddress dst, VlanId vlan, short type) {
        Ethernet frame = new Ethernet().setSourceMACAddress(src).setDestinationMACAddress(dst).setEtherType(type);
        frame.setVlanID(vlan.toShort());
        frame.setPayload(new Data(new byte[28]));
        return frame;
    }

    List<FlowRule> rules() {
        return installed.values().stream().flatMap(Set::stream).toList();
    }
}

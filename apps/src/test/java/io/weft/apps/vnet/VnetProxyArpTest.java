package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualPortId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/**
 * Blue and red use the same IP addresses with different MACs; green is custom, vs1 and vs2
 * linked, vs3 on its own.
 */
class VnetProxyArpTest {
    private final Fabric fabric = new Fabric();
    private final List<VirtualHost> learned = new ArrayList<>();
    private final Net blue = Net.bigSwitch("blue", "web", 101)
            .site(point(1, 3), 0, 1)
            .site(point(2, 3), 100, 2)
            .site(point(3, 3), 0, 3);
    private final Net red = Net.bigSwitch("red", "web", 102)
            .site("big", point(1, 4), 0, 0x11, 1)
            .site("big", point(2, 3), 200, 0x12, 2);
    private final Net green = Net.custom("green", "lab", 201)
            .site("vs1", point(1, 5), 0, 1)
            .site("vs2", point(2, 5), 7, 2)
            .site("vs3", point(3, 5), 0, 3)
            .link("vs1", "vs2");

    VnetProxyArpTest() {
        VnetDirectory directory = VnetDirectory.of(List.of(blue.spec(), red.spec(), green.spec()));
        fabric.addProcessor(0, new VnetProxyArp(directory, learned::add, fabric, fabric.counters));
    }

    private PacketContext packetIn(ConnectPoint at, Ethernet frame) {
        return fabric.packetIn(new InboundPacket(at.device(), at.port(), frame, frame.serialize(), OptionalInt.empty()));
    }

    private static Ethernet arpRequest(int mac, int ip, int target, VlanId vlan) {
        return ARP.buildArpRequest(MacAddress.valueOf((long) mac).toBytes(), ip(ip).toOctets(), ip(target).toOctets(),
                vlan.equals(VlanId.NONE) ? Ethernet.VLAN_UNTAGGED : vlan.toShort());
    }

    private static Ip4Address ip(int n) {
        return Ip4Address.valueOf("10.0.0." + n);
    }

    private static Ethernet sent(OutboundPacket packet) {
        try {
            return Ethernet.deserializer().deserialize(packet.data(), 0, packet.data().length);
        } catch (DeserializationException e) {
            throw new AssertionError(e);
        }
    }

    private static ConnectPoint outOf(OutboundPacket packet) {
        assertThat(packet.actions()).hasSize(1);
        return new ConnectPoint(packet.device(), ((Action.Output) packet.actions().get(0)).port());
    }

    @Test
    void aRequestForAKnownHostIsAnsweredFromTheSendersOwnNetwork() {
        assertThat(packetIn(point(1, 3), arpRequest(1, 1, 2, VlanId.NONE)).isHandled()).isTrue();
        assertThat(packetIn(point(1, 4), arpRequest(0x11, 1, 2, VlanId.NONE)).isHandled()).isTrue();

        assertThat(fabric.emitted).hasSize(2);
        Ethernet blueReply = sent(fabric.emitted.get(0));
        assertThat(outOf(fabric.emitted.get(0))).isEqualTo(point(1, 3));
        assertThat(blueReply.getSourceMAC()).isEqualTo(MacAddress.valueOf(2L));
        assertThat(((ARP) blueReply.getPayload()).getOpCode()).isEqualTo(ARP.OP_REPLY);
        Ethernet redReply = sent(fabric.emitted.get(1));
        assertThat(outOf(fabric.emitted.get(1))).isEqualTo(point(1, 4));
        assertThat(redReply.getSourceMAC()).isEqualTo(MacAddress.valueOf(0x12L));
        assertThat(fabric.counters.get("vnet.arp.replied")).isEqualTo(2);
    }

    @Test
    void aReplyToATaggedRequestCarriesTheSendersVlan() {
        packetIn(point(2, 3), arpRequest(2, 2, 3, VlanId.vlanId((short) 100)));
        assertThat(fabric.emitted).hasSize(1);
        Ethernet reply = sent(fabric.emitted.get(0));
        assertThat(reply.getVlanID()).isEqualTo((short) 100);
        assertThat(reply.getSourceMAC()).isEqualTo(MacAddress.valueOf(3L));
        assertThat(outOf(fabric.emitted.get(0))).isEqualTo(point(2, 3));
    }

    @Test
    void aRequestNoOneKnowsGoesOutOfTheAttachmentsTheSenderReachesOnly() {
        packetIn(point(1, 5), arpRequest(1, 1, 9, VlanId.NONE));
        assertThat(fabric.emitted).extracting(VnetProxyArpTest::outOf).containsExactly(point(2, 5));
        assertThat(sent(fabric.emitted.get(0)).getVlanID()).isEqualTo((short) 7);
        assertThat(fabric.counters.get("vnet.flooded")).isEqualTo(1);

        fabric.emitted.clear();
        packetIn(point(1, 5), arpRequest(1, 1, 3, VlanId.NONE));
        assertThat(fabric.emitted).as("vs3's host is known, but not reachable from vs1")
                .extracting(VnetProxyArpTest::outOf).containsExactly(point(2, 5));
    }

    @Test
    void aBroadcastThroughTheControllerLeavesEachAttachmentWithItsVlan() {
        Ethernet frame = VnetLab.frame(MacAddress.valueOf(2L), MacAddress.BROADCAST, VlanId.vlanId((short) 100),
                Ethernet.TYPE_IPV4);
        packetIn(point(2, 3), frame);
        assertThat(fabric.emitted).extracting(VnetProxyArpTest::outOf).containsExactlyInAnyOrder(point(1, 3),
                point(3, 3));
        assertThat(fabric.emitted).allSatisfy(p -> assertThat(sent(p).getVlanID()).isEqualTo(Ethernet.VLAN_UNTAGGED));
        assertThat(frame.getVlanID()).as("the shared frame is left as it came").isEqualTo((short) 100);
    }

    @Test
    void sendersAreLearnedButDeclaredHostsStayWhereTheyWereDeclared() {
        packetIn(point(1, 3), arpRequest(9, 9, 2, VlanId.NONE));
        assertThat(learned).containsExactly(new VirtualHost(blue.network.id(), MacAddress.valueOf(9L),
                Set.of(IpAddress.valueOf("10.0.0.9")), new VirtualPortId("big", 1), false));
        assertThat(fabric.counters.get("vnet.arp.learned")).isEqualTo(1);

        packetIn(point(3, 3), arpRequest(1, 1, 2, VlanId.NONE));
        packetIn(point(1, 3), arpRequest(1, 1, 2, VlanId.NONE));
        assertThat(learned).hasSize(1);
        assertThat(fabric.counters.get("vnet.arp.declared_elsewhere")).isEqualTo(1);
    }

    @Test
    void packetsFromPortsOfNoNetworkAreLeftToForwardingUnlessTheyCarryAFabricTag() {
        PacketContext plain = packetIn(point(1, 6), arpRequest(1, 1, 2, VlanId.NONE));
        assertThat(plain.isHandled()).isFalse();
        PacketContext otherVlan = packetIn(point(2, 3), arpRequest(1, 1, 2, VlanId.vlanId((short) 300)));
        assertThat(otherVlan.isHandled()).as("a VLAN of a shared port no one has").isFalse();

        PacketContext fabricTagged = packetIn(point(1, 6), arpRequest(1, 1, 2, VlanId.vlanId((short) 101)));
        PacketContext onALink = packetIn(point(1, 1), VnetLab.frame(MacAddress.valueOf(1L), MacAddress.valueOf(2L),
                VlanId.vlanId((short) 201), Ethernet.TYPE_IPV4));
        assertThat(fabricTagged.isHandled()).isTrue();
        assertThat(onALink.isHandled()).isTrue();
        assertThat(fabric.counters.get("vnet.dropped.fabric_tagged")).isEqualTo(2);
        assertThat(fabric.emitted).isEmpty();
        assertThat(learned).isEmpty();
    }

    @Test
    void aTaggedFrameOnAWholePortAttachmentIsDropped() {
        PacketContext context = packetIn(point(1, 3), arpRequest(1, 1, 2, VlanId.vlanId((short) 55)));
        assertThat(context.isHandled()).isTrue();
        assertThat(fabric.counters.get("vnet.dropped.untaken_vlan")).isEqualTo(1);
        assertThat(fabric.emitted).isEmpty();
    }
}

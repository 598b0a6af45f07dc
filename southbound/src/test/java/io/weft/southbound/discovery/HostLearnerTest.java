package io.weft.southbound.discovery;

import static io.weft.southbound.discovery.Fabric.device;
import static io.weft.southbound.discovery.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.PacketContext;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostKey;
import io.weft.topology.link.ConnectPoint;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPacket;
import org.onlab.packet.IPv4;
import org.onlab.packet.IPv6;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip6Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.UDP;
import org.onlab.packet.VlanId;

class HostLearnerTest {
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final ConnectPoint S1_P1 = point(1, 1);
    private static final ConnectPoint S1_P2 = point(1, 2);
    private static final ConnectPoint S2_P1 = point(2, 1);

    private Fabric fabric;

    @BeforeEach
    void twoSwitchesSettled() {
        fabric = new Fabric();
        fabric.connect(1, 1, 2);
        fabric.connect(2, 1, 2);
        fabric.settle();
    }

    static byte[] arp(MacAddress sender, String senderIp) {
        ARP arp = new ARP().setHardwareType(ARP.HW_TYPE_ETHERNET).setProtocolType(ARP.PROTO_TYPE_IP)
                .setHardwareAddressLength((byte) 6).setProtocolAddressLength((byte) 4).setOpCode(ARP.OP_REQUEST)
                .setSenderHardwareAddress(sender.toBytes())
                .setSenderProtocolAddress(Ip4Address.valueOf(senderIp).toOctets())
                .setTargetHardwareAddress(MacAddress.ZERO.toBytes())
                .setTargetProtocolAddress(Ip4Address.valueOf("10.0.0.254").toOctets());
        return ethernet(sender, MacAddress.BROADCAST, Ethernet.TYPE_ARP, arp).serialize();
    }

    static byte[] ipv4(MacAddress sender, String source) {
        IPv4 ip = new IPv4();
        ip.setSourceAddress(source);
        ip.setDestinationAddress("10.0.0.254");
        ip.setProtocol(IPv4.PROTOCOL_UDP);
        ip.setTtl((byte) 64);
        ip.setPayload(new UDP().setSourcePort(40_000).setDestinationPort(9).setPayload(new Data(new byte[4])));
        return ethernet(sender, MacAddress.BROADCAST, Ethernet.TYPE_IPV4, ip).serialize();
    }

    static byte[] ipv6(MacAddress sender, String source) {
        IPv6 ip = new IPv6();
        ip.setSourceAddress(Ip6Address.valueOf(source).toOctets());
        ip.setDestinationAddress(Ip6Address.valueOf("ff02::1").toOctets());
        ip.setNextHeader(IPv6.PROTOCOL_UDP);
        ip.setHopLimit((byte) 64);
        ip.setPayload(new UDP().setSourcePort(40_000).setDestinationPort(9).setPayload(new Data(new byte[4])));
        return ethernet(sender, MacAddress.valueOf("33:33:00:00:00:01"), Ethernet.TYPE_IPV6, ip).serialize();
    }

    private static Ethernet ethernet(MacAddress src, MacAddress dst, short type,
                                     IPacket payload) {
        Ethernet frame = new Ethernet().setSourceMACAddress(src).setDestinationMACAddress(dst);
        frame.setEtherType(type);
        frame.setPayload(payload);
        return frame;
    }

    private Host only() {
        assertThat(fabric.hosts.hosts()).hasSize(1);
        return fabric.hosts.hosts().get(0);
    }

    private Map<String, Long> hostCounters() {
        return fabric.counters.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("hosts."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void learnsFromArpAndLeavesThePacketToTheApps() {
        PacketContext context = fabric.deliver(S1_P1, arp(H1, "10.0.0.1"));

        Host host = only();
        assertThat(host.key()).isEqualTo(HostKey.untagged(H1));
        assertThat(host.location()).isEqualTo(S1_P1);
        assertThat(host.ips()).containsExactly(IpAddress.valueOf("10.0.0.1"));
        assertThat(host.lastSeen()).isEqualTo(fabric.clock.instant());
        assertThat(context.isHandled()).isFalse();
        assertThat(hostCounters()).isEmpty();
    }

    @Test
    void learnsFromIpv4() {
        fabric.deliver(S1_P1, ipv4(H1, "10.0.0.1"));

        assertThat(only().ips()).containsExactly(IpAddress.valueOf("10.0.0.1"));
    }

    @Test
    void learnsFromIpv6() {
        fabric.deliver(S1_P1, ipv6(H1, "fe80::200:ff:fe00:1"));

        assertThat(only().ips()).containsExactly(IpAddress.valueOf("fe80::200:ff:fe00:1"));
    }

    @Test
    void gathersTheAddressesOfOneHost() {
        fabric.deliver(S1_P1, arp(H1, "10.0.0.1"));
        fabric.deliver(S1_P1, ipv6(H1, "2001:db8::1"));

        assertThat(only().ips()).containsExactlyInAnyOrder(IpAddress.valueOf("10.0.0.1"),
                IpAddress.valueOf("2001:db8::1"));
    }

    @Test
    void learnsOtherEthertypesWithoutAnAddress() {
        Ethernet frame = ethernet(H1, MacAddress.BROADCAST, (short) 0x88b5, new Data(new byte[46]));
        fabric.deliver(S1_P1, frame.serialize());

        assertThat(only().location()).isEqualTo(S1_P1);
        assertThat(only().ips()).isEmpty();
    }

    @Test
    void theUnspecifiedAddressTeachesNothingButTheHost() {
        fabric.deliver(S1_P1, arp(H1, "0.0.0.0"));       // an ARP probe
        fabric.deliver(S1_P1, ipv4(H1, "0.0.0.0"));      // as a DHCP discover
        fabric.deliver(S1_P1, ipv6(H1, "::"));           // duplicate address detection

        assertThat(only().ips()).isEmpty();
        assertThat(hostCounters()).isEmpty();
    }

    @Test
    void groupAddressesAreNotLearnedAsTheHosts() {
        fabric.deliver(S1_P1, ipv4(H1, "224.0.0.5"));
        fabric.deliver(S1_P1, ipv4(H1, "239.255.255.250"));
        fabric.deliver(S1_P1, ipv4(H1, "255.255.255.255"));
        fabric.deliver(S1_P1, arp(H1, "255.255.255.255"));
        fabric.deliver(S1_P1, ipv6(H1, "ff02::1"));
        fabric.deliver(S1_P1, ipv4(H1, "223.255.255.255"));  // the last unicast address below them

        assertThat(only().ips()).containsExactly(IpAddress.valueOf("223.255.255.255"));
        assertThat(hostCounters()).isEqualTo(Map.of("hosts.ignored_ip.not_unicast", 5L));
    }

    @Test
    void learnsTheVlan() throws Exception {
        Ethernet tagged = Ethernet.deserializer().deserialize(arp(H1, "10.0.0.1"), 0, arp(H1, "10.0.0.1").length);
        tagged.setVlanID((short) 10);
        fabric.deliver(S1_P1, tagged.serialize());

        assertThat(only().key()).isEqualTo(new HostKey(H1, VlanId.vlanId((short) 10)));
    }

    @Test
    void aPriorityTaggedFrameIsUntagged() throws Exception {
        Ethernet tagged = Ethernet.deserializer().deserialize(arp(H1, "10.0.0.1"), 0, arp(H1, "10.0.0.1").length);
        tagged.setVlanID((short) 0);
        byte[] frame = tagged.serialize();
        assertThat(frame).as("the frame does carry a tag").hasSize(arp(H1, "10.0.0.1").length + 4);
        fabric.deliver(S1_P1, frame);

        assertThat(only().key()).isEqualTo(HostKey.untagged(H1));
    }

    @Test
    void learnsNothingBeforeThePortHasSettled() {
        fabric.connect(3, 1);
        fabric.deliver(point(3, 1), arp(H1, "10.0.0.1"));

        assertThat(fabric.hosts.hosts()).isEmpty();
        assertThat(hostCounters()).isEqualTo(Map.of("hosts.ignored.non_edge", 1L));

        fabric.settle();
        fabric.deliver(point(3, 1), arp(H1, "10.0.0.1"));
        assertThat(only().location()).isEqualTo(point(3, 1));
    }

    @Test
    void learnsNothingAtEitherEndOfALink() {
        fabric.carry(S1_P2, S2_P1);

        fabric.deliver(S2_P1, arp(H1, "10.0.0.1"));
        fabric.deliver(S1_P2, arp(H1, "10.0.0.1"));

        assertThat(fabric.hosts.hosts()).isEmpty();
        assertThat(hostCounters()).isEqualTo(Map.of("hosts.ignored.non_edge", 2L));
    }

    @Test
    void learnsNothingOnAPortOfADisconnectedSwitchOrAPortThatIsDown() {
        fabric.devices.portUpdated(device(1), Fabric.port(1, 1, false));
        fabric.devices.deviceDisconnected(device(2));

        fabric.deliver(S1_P1, arp(H1, "10.0.0.1"));
        fabric.deliver(point(2, 2), arp(H1, "10.0.0.1"));

        assertThat(fabric.hosts.hosts()).isEmpty();
        assertThat(hostCounters()).isEqualTo(Map.of("hosts.ignored.non_edge", 2L));
    }

    @Test
    void refusesSourceAddressesNoHostCanHave() {
        fabric.deliver(S1_P1, arp(MacAddress.BROADCAST, "10.0.0.1"));
        fabric.deliver(S1_P1, arp(MacAddress.valueOf("01:00:5e:00:00:01"), "10.0.0.1"));
        fabric.deliver(S1_P1, arp(MacAddress.ZERO, "10.0.0.1"));

        assertThat(fabric.hosts.hosts()).isEmpty();
        assertThat(hostCounters()).isEqualTo(Map.of("hosts.ignored.bad_source", 3L));
    }

    @Test
    void leavesLinkDiscoveryFramesAlone() {
        // A probe that arrives at an edge port (a host replaying one) teaches nothing about hosts.
        fabric.carry(S1_P2, S1_P2);

        assertThat(fabric.hosts.hosts()).isEmpty();
        assertThat(hostCounters()).isEmpty();
    }

    @Test
    void aHostThatMovesIsFollowed() {
        fabric.deliver(S1_P1, arp(H1, "10.0.0.1"));
        fabric.clock.advance(Duration.ofSeconds(2));
        fabric.deliver(point(2, 2), arp(H1, "10.0.0.1"));

        assertThat(only().location()).isEqualTo(point(2, 2));
    }
}

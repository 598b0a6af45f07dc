package io.weft.apps.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.Device;
import io.weft.topology.device.Port;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class ReactiveForwardingTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.valueOf("00:00:00:00:00:02");

    private final Counters counters = new Counters();
    private final RecordingSouthbound southbound = new RecordingSouthbound();
    private final ReactiveForwarding forwarding = new ReactiveForwarding(new ForwardingConfig(30, 10, 2),
            southbound, counters);

    private static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    private PacketContext packetIn(long inPort, MacAddress src, MacAddress dst, short type, OptionalInt buffer) {
        Ethernet frame = new Ethernet().setSourceMACAddress(src).setDestinationMACAddress(dst).setEtherType(type);
        frame.setPayload(new org.onlab.packet.Data(new byte[46]));
        byte[] bytes = frame.serialize();
        PacketContext context = new PacketContext(new InboundPacket(S1, port(inPort), frame, bytes, buffer));
        forwarding.process(context);
        return context;
    }

    private PacketContext packetIn(long inPort, MacAddress src, MacAddress dst) {
        return packetIn(inPort, src, dst, Ethernet.TYPE_IPV4, OptionalInt.empty());
    }

    @Test
    void floodsUnknownDestinationsAndInstallsNothing() {
        PacketContext context = packetIn(1, H1, H2);

        assertThat(context.isHandled()).isTrue();
        assertThat(southbound.answered).isEmpty();
        assertThat(southbound.emitted).singleElement().satisfies(out -> {
            assertThat(out.actions()).containsExactly(Action.output(PortNumber.FLOOD));
            assertThat(out.inPort()).isEqualTo(port(1));
            assertThat(out.data()).isEqualTo(context.packet().data());
        });
        assertThat(counters.get("forwarding.flooded")).isEqualTo(1);
    }

    @Test
    void aLearnedDestinationGetsARuleWithWeftsCookieThatTheSwitchAppliesToThePacket() {
        packetIn(1, H1, MacAddress.BROADCAST);
        southbound.emitted.clear();

        PacketContext context = packetIn(2, H2, H1);

        assertThat(southbound.answered).singleElement().satisfies(answer -> {
            assertThat(answer.packet()).isSameAs(context.packet());
            FlowRule rule = answer.rule();
            assertThat(rule.device()).isEqualTo(S1);
            assertThat(rule.match()).isEqualTo(TrafficMatch.ANY.withInPort(port(2)).withVlan(VlanId.NONE)
                    .withEthSrc(H2).withEthDst(H1));
            assertThat(rule.actions()).containsExactly(Action.output(port(1)));
            assertThat(rule.idleTimeout()).isEqualTo(30);
            assertThat(rule.priority()).isEqualTo(10);
            assertThat(Cookies.isWeft(rule.cookie())).isTrue();
            assertThat(Cookies.appId(rule.cookie())).isEqualTo(ReactiveForwarding.APP.id());
        });
        // The switch sends the packet on through the rule; no separate packet-out, no confirmed install.
        assertThat(southbound.emitted).isEmpty();
        assertThat(southbound.installed).isEmpty();
        assertThat(counters.get("forwarding.rules_requested")).isEqualTo(1);
    }

    @Test
    void aBufferedPacketIsAnsweredWithItsBuffer() {
        packetIn(1, H1, MacAddress.BROADCAST);

        packetIn(2, H2, H1, Ethernet.TYPE_IPV4, OptionalInt.of(77));

        assertThat(southbound.answered).singleElement()
                .satisfies(answer -> assertThat(answer.packet().bufferId()).hasValue(77));
    }

    @Test
    void anAnswerTheSouthboundCouldNotSendIsNotCountedAsARule() {
        southbound.answerResult = false;
        packetIn(1, H1, MacAddress.BROADCAST);

        packetIn(2, H2, H1);

        assertThat(southbound.answered).hasSize(1);
        assertThat(counters.get("forwarding.rules_requested")).isZero();
    }

    @Test
    void broadcastIsFloodedEvenWhenMacsAreKnown() {
        packetIn(1, H1, H2);
        packetIn(2, H2, MacAddress.BROADCAST);
        assertThat(southbound.answered).isEmpty();
        assertThat(counters.get("forwarding.flooded")).isEqualTo(2);
    }

    @Test
    void aDestinationBehindTheIngressPortIsDroppedNotReflected() {
        packetIn(1, H1, MacAddress.BROADCAST);
        southbound.emitted.clear();
        packetIn(1, H2, H1);
        assertThat(southbound.emitted).isEmpty();
        assertThat(southbound.answered).isEmpty();
        assertThat(counters.get("forwarding.dropped.same_port")).isEqualTo(1);
    }

    @Test
    void leavesLinkDiscoveryFramesAndHandledPacketsAlone() {
        PacketContext lldp = packetIn(1, H1, MacAddress.valueOf("01:80:c2:00:00:0e"), Ethernet.TYPE_LLDP,
                OptionalInt.empty());
        assertThat(lldp.isHandled()).isFalse();

        Ethernet frame = new Ethernet().setSourceMACAddress(H1).setDestinationMACAddress(H2)
                .setEtherType(Ethernet.TYPE_IPV4);
        PacketContext handled = new PacketContext(new InboundPacket(S1, port(1), frame, frame.serialize(),
                OptionalInt.empty()));
        handled.markHandled();
        forwarding.process(handled);

        assertThat(southbound.emitted).isEmpty();
    }

    @Test
    void aFullMacTableIsCountedAndDoesNotGrow() {
        packetIn(1, H1, MacAddress.BROADCAST);
        packetIn(2, H2, MacAddress.BROADCAST);
        MacAddress h3 = MacAddress.valueOf("00:00:00:00:00:03");
        packetIn(3, h3, MacAddress.BROADCAST);
        southbound.emitted.clear();

        packetIn(1, H1, h3);

        assertThat(counters.get("forwarding.mac_table_full")).isEqualTo(1);
        assertThat(southbound.answered).isEmpty();
        assertThat(southbound.emitted).singleElement()
                .extracting(OutboundPacket::actions).isEqualTo(List.of(Action.output(PortNumber.FLOOD)));
    }

    @Test
    void forgetsHostsBehindAPortThatWentDown() {
        packetIn(1, H1, MacAddress.BROADCAST);
        Port down = new Port(port(1), "s1-eth1", H1, false, 0);
        Device device = new Device(S1, new DeviceDescription("m", "h", "s", "n", "OF_13"), true, List.of(down));
        forwarding.onDeviceEvent(new DeviceEvent(DeviceEvent.Type.PORT_UPDATED, device, Optional.of(down)));

        packetIn(2, H2, H1);

        assertThat(southbound.answered).isEmpty();
    }
}

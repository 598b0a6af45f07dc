package io.weft.apps.forwarding;

import static io.weft.apps.fabric.Fabric.point;
import static io.weft.apps.fabric.Frames.mac;
import static io.weft.apps.fabric.Frames.unicast;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.apps.fabric.Frames;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.OutboundPacket;
import io.weft.topology.host.HostKey;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/**
 * Path forwarding on a ring of four switches, s1..s4, each with host n at port 1; port 2 leads
 * to the next switch round the ring and port 3 to the previous one.
 */
class PathForwardingTest {
    private final Fabric fabric = new Fabric();
    private final PathForwarding forwarding = new PathForwarding(ForwardingConfig.DEFAULTS, fabric.topology,
            fabric.hosts, fabric, fabric, fabric.counters);

    @BeforeEach
    void ring() {
        for (int s = 1; s <= 4; s++) {
            fabric.addSwitch(s, 3);
        }
        for (int s = 1; s <= 4; s++) {
            fabric.cable(point(s, 2), point(s % 4 + 1, 3));
        }
        // Stands in for the host learner: hosts are learned at settled edge ports.
        fabric.addProcessor(100, context -> {
            ConnectPoint at = new ConnectPoint(context.packet().device(), context.packet().inPort());
            MacAddress src = context.packet().parsed().getSourceMAC();
            if (fabric.topology.isEdge(at) && !src.isMulticast()) {
                fabric.hosts.hostSeen(HostKey.untagged(src), at, Optional.empty());
            }
        });
        fabric.addProcessor(1000, forwarding);
        fabric.topology.addListener(forwarding::onTopologyEvent);
        fabric.hosts.addListener(forwarding::onHostEvent);
        fabric.addFlowRemovedListener(forwarding::onFlowRemoved);
        fabric.settle();
    }

    /** Host n announces itself with a broadcast, as an ARP request would. */
    private void announce(int host) {
        fabric.send(point(host, 1), Frames.arpRequest(host, 99));
    }

    @Test
    void installsTheShortestPathBothWaysThenSendsThePacketAlongIt() {
        announce(3);
        fabric.send(point(1, 1), unicast(1, 3));

        Fabric.Trace there = fabric.trace(point(1, 1), mac(1), mac(3));
        Fabric.Trace back = fabric.trace(point(3, 1), mac(3), mac(1));
        assertThat(there.exit()).contains(point(3, 1));
        assertThat(there.crossed()).hasSize(2);
        assertThat(back.exit()).contains(point(1, 1));
        assertThat(back.crossed()).hasSize(2);
        assertThat(fabric.tables.values().stream().flatMap(List::stream))
                .allSatisfy(r -> assertThat(r.cookie()).isEqualTo(Cookies.cookie(PathForwarding.APP, 0)))
                .allSatisfy(r -> assertThat(r.idleTimeout()).isEqualTo(ForwardingConfig.DEFAULTS.idleTimeoutSeconds()));
        OutboundPacket sent = fabric.emitted.get(fabric.emitted.size() - 1);
        assertThat(sent.device()).isEqualTo(Fabric.device(1));
        assertThat(sent.actions()).containsExactly(Action.output(there.crossed().get(0).src().port()));
        assertThat(fabric.counters.get("forwarding.paths_installed")).isEqualTo(1);
    }

    @Test
    void aTaggedFrameWithTheSameAddressesNeverRidesTheseRules() {
        announce(3);
        fabric.send(point(1, 1), unicast(1, 3));

        assertThat(fabric.trace(point(1, 1), org.onlab.packet.VlanId.vlanId((short) 100), mac(1), mac(3)).exit())
                .as("a tenant's tagged frame reusing the MACs is not forwarded by default forwarding")
                .isEmpty();
        assertThat(fabric.trace(point(1, 1), mac(1), mac(3)).exit()).contains(point(3, 1));
    }

    @Test
    void broadcastsReachEveryHostOnceOverALoopedFabric() {
        List<ConnectPoint> delivered = fabric.send(point(1, 1), Frames.arpRequest(1, 3));

        assertThat(delivered).containsExactlyInAnyOrder(point(2, 1), point(3, 1), point(4, 1));
        assertThat(fabric.counters.get("forwarding.dropped.off_tree")).isZero();
    }

    @Test
    void aBroadcastArrivingOverALinkOffTheTreeIsDropped() {
        Link offTree = fabric.links.links().stream()
                .filter(l -> !fabric.topology.topology().onBroadcastTree(l)).findFirst().orElseThrow();

        fabric.packetIn(new io.weft.southbound.api.InboundPacket(offTree.dst().device(), offTree.dst().port(),
                Frames.arpRequest(1, 3), new byte[0], java.util.OptionalInt.empty()));

        assertThat(fabric.counters.get("forwarding.dropped.off_tree")).isEqualTo(1);
    }

    @Test
    void nothingIsFloodedFromAPortDiscoveryHasNotSettled() {
        fabric.addSwitch(5, 2);

        List<ConnectPoint> delivered = fabric.send(point(5, 1), Frames.arpRequest(5, 1));

        assertThat(delivered).isEmpty();
        assertThat(fabric.counters.get("forwarding.dropped.off_tree")).isEqualTo(1);
        assertThat(fabric.hosts.hosts()).isEmpty();
    }

    @Test
    void aFailedLinkMovesTrafficToTheRemainingPathAndBackWhenItReturns() {
        announce(2);
        fabric.send(point(1, 1), unicast(1, 2));
        assertThat(fabric.trace(point(1, 1), mac(1), mac(2)).crossed()).hasSize(1);

        fabric.portDown(point(1, 2));

        Fabric.Trace around = fabric.trace(point(1, 1), mac(1), mac(2));
        assertThat(around.exit()).contains(point(2, 1));
        assertThat(around.crossed()).hasSize(3).noneMatch(l -> l.touches(point(1, 2)));
        assertThat(fabric.trace(point(2, 1), mac(2), mac(1)).exit()).contains(point(1, 1));
        assertThat(fabric.tables.values().stream().flatMap(List::stream))
                .as("no rule left that uses the failed link")
                .noneMatch(r -> usesPort(r, point(1, 2)) || usesPort(r, point(2, 3)));
        assertThat(fabric.counters.get("forwarding.rerouted")).isEqualTo(2);

        fabric.portUp(point(1, 2));
        fabric.cable(point(1, 2), point(2, 3));

        assertThat(fabric.trace(point(1, 1), mac(1), mac(2)).crossed()).hasSize(1);
        assertThat(fabric.trace(point(2, 1), mac(2), mac(1)).crossed()).hasSize(1);
    }

    @Test
    void aHostThatMovesTakesItsRulesWithIt() {
        announce(2);
        fabric.send(point(1, 1), unicast(1, 2));

        fabric.hosts.hostSeen(HostKey.untagged(mac(2)), point(4, 1), Optional.empty());

        assertThat(fabric.trace(point(1, 1), mac(1), mac(2)).exit()).as("rules towards the old place withdrawn")
                .isEmpty();
        fabric.send(point(1, 1), unicast(1, 2));
        assertThat(fabric.trace(point(1, 1), mac(1), mac(2)).exit()).contains(point(4, 1));
        assertThat(fabric.counters.get("forwarding.paths_withdrawn")).isEqualTo(2);
    }

    @Test
    void aConversationTheSwitchTimedOutIsNotRerouted() {
        announce(2);
        fabric.send(point(1, 1), unicast(1, 2));
        List<FlowRule> installed = fabric.tables.values().stream().flatMap(List::stream).toList();
        installed.forEach(fabric::expire);

        fabric.portDown(point(1, 2));

        assertThat(fabric.tables.values().stream().flatMap(List::stream)).isEmpty();
        assertThat(fabric.counters.get("forwarding.rerouted")).isZero();
    }

    @Test
    void aFrameToTheHostsOwnPortIsDropped() {
        fabric.hosts.hostSeen(HostKey.untagged(mac(7)), point(1, 1), Optional.empty());

        fabric.send(point(1, 1), unicast(1, 7));

        assertThat(fabric.counters.get("forwarding.dropped.same_port")).isEqualTo(1);
        assertThat(fabric.tables).allSatisfy((d, rules) -> assertThat(rules).isEmpty());
    }

    @Test
    void proxyArpAnswersForKnownHostsSoNothingIsFlooded() {
        ProxyArpCase.check(fabric);
    }

    private static boolean usesPort(FlowRule rule, ConnectPoint point) {
        return rule.device().equals(point.device()) && (rule.match().inPort().equals(Optional.of(point.port()))
                || rule.actions().contains(Action.output(point.port())));
    }

    /** Kept beside the forwarding cases because proxy ARP runs in the same pipeline. */
    private static final class ProxyArpCase {
        static void check(Fabric fabric) {
            io.weft.apps.proxyarp.ProxyArp proxy = new io.weft.apps.proxyarp.ProxyArp(fabric.topology, fabric.hosts,
                    fabric, fabric.counters);
            fabric.addProcessor(500, proxy);
            fabric.hosts.hostSeen(HostKey.untagged(mac(3)), point(3, 1), Optional.of(Ip4Address.valueOf("10.0.0.3")));
            int before = fabric.emitted.size();

            List<ConnectPoint> delivered = fabric.send(point(1, 1), Frames.arpRequest(1, 3));

            assertThat(delivered).containsExactly(point(1, 1));
            OutboundPacket reply = fabric.emitted.get(before);
            Ethernet frame = parse(reply.data());
            ARP arp = (ARP) frame.getPayload();
            assertThat(arp.getOpCode()).isEqualTo(ARP.OP_REPLY);
            assertThat(MacAddress.valueOf(arp.getSenderHardwareAddress())).isEqualTo(mac(3));
            assertThat(Ip4Address.valueOf(arp.getSenderProtocolAddress())).isEqualTo(Ip4Address.valueOf("10.0.0.3"));
            assertThat(frame.getDestinationMAC()).isEqualTo(mac(1));
            assertThat(reply.actions()).containsExactly(Action.output(PortNumber.portNumber(1)));
            assertThat(fabric.counters.get("proxy_arp.replied")).isEqualTo(1);
            assertThat(fabric.counters.get("forwarding.flooded")).isZero();

            List<ConnectPoint> unknown = fabric.send(point(1, 1), Frames.arpRequest(1, 42));
            assertThat(unknown).as("a request for an unknown address is flooded")
                    .containsExactlyInAnyOrder(point(2, 1), point(3, 1), point(4, 1));
            assertThat(fabric.counters.get("proxy_arp.unknown_target")).isEqualTo(1);
        }

        private static Ethernet parse(byte[] data) {
            try {
                return Ethernet.deserializer().deserialize(data, 0, data.length);
            } catch (org.onlab.packet.DeserializationException e) {
                throw new AssertionError(e);
            }
        }
    }
}

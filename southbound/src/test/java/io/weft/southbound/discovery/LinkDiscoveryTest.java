package io.weft.southbound.discovery;

import static io.weft.southbound.discovery.Fabric.device;
import static io.weft.southbound.discovery.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.Port;
import io.weft.topology.host.HostKey;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkProviderService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

class LinkDiscoveryTest {
    private static final ConnectPoint S1_P1 = point(1, 1);
    private static final ConnectPoint S1_P2 = point(1, 2);
    private static final ConnectPoint S1_P3 = point(1, 3);
    private static final ConnectPoint S2_P1 = point(2, 1);
    private static final ConnectPoint S2_P2 = point(2, 2);
    private static final ConnectPoint S2_P3 = point(2, 3);
    private static final MacAddress HOST = MacAddress.valueOf("00:00:00:00:00:0a");

    private Fabric fabric;

    @BeforeEach
    void twoSwitches() {
        fabric = new Fabric();
        fabric.connect(1, 1, 2, 3);
        fabric.connect(2, 1, 2, 3);
    }

    /** A probe signed with the fabric's secret, as the controller would have sent it out of {@code from}. */
    private byte[] probe(ConnectPoint from, long timestampMillis) {
        return probe(new ProbeSigner(Fabric.SECRET), from, timestampMillis);
    }

    private static byte[] probe(ProbeSigner signer, ConnectPoint from, long timestampMillis) {
        Probe probe = new Probe(DeviceIds.datapathId(from.device()), from.port().toLong(),
                timestampMillis);
        return LldpProbe.encode(signer.sign(probe), MacAddress.valueOf("0e:00:00:00:00:01"), 3);
    }

    private void assertOnlyCounted(String counter) {
        assertThat(fabric.discoveryCounters()).isEqualTo(Map.of(counter, 1L));
    }

    private void assertNoLinks() {
        assertThat(fabric.links.links()).isEmpty();
    }

    @Test
    void aProbeThatCrossesACableMakesALink() {
        PacketContext context = fabric.carry(S1_P2, S2_P1);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
        assertOnlyCounted("discovery.probes.accepted");
        assertThat(context.isHandled()).isTrue();
    }

    @Test
    void probesBothWaysMakeBothDirectionsAndTheTopologySeesThem() {
        fabric.carry(S1_P2, S2_P1);
        fabric.carry(S2_P1, S1_P2);

        assertThat(fabric.links.links()).containsExactlyInAnyOrder(new Link(S1_P2, S2_P1), new Link(S2_P1, S1_P2));
        assertThat(fabric.topology.path(device(1), device(2))).isPresent();
        assertThat(fabric.counters.get("discovery.probes.accepted")).isEqualTo(2);
    }

    @Test
    void lldpIsMarkedHandledSoLaterProcessorsLeaveIt() {
        List<Boolean> seenHandled = new ArrayList<>();
        fabric.packets.addProcessor(100, c -> seenHandled.add(c.isHandled()));

        fabric.carry(S1_P2, S2_P1);                                          // accepted
        fabric.deliver(S2_P1, probe(new ProbeSigner(new byte[16]), S1_P2, fabric.clock.millis())); // refused
        fabric.deliver(S2_P1, LldpProbeTest.hex(LldpProbeTest.GOLDEN.replace("88 cc", "89 42")));  // BDDP

        assertThat(seenHandled).containsExactly(true, true, true);
    }

    @Test
    void otherPacketsAreLeftToTheApps() {
        byte[] arp = HostLearnerTest.arp(HOST, "10.0.0.1");
        PacketContext context = fabric.deliver(S1_P1, arp);

        assertThat(context.isHandled()).isFalse();
        assertThat(fabric.discoveryCounters()).isEmpty();
    }

    @Test
    void unsignedLldpMakesNoLink() {
        // A well-formed LLDP frame as lldpd on a host would send it.
        byte[] lldpd = LldpProbeTest.hex("01 80 c2 00 00 0e 00 00 00 00 00 0a 88 cc"
                + " 02 07 04 00 00 00 00 00 0a  04 07 03 00 00 00 00 00 0a  06 02 00 78  00 00");
        fabric.deliver(S2_P1, lldpd);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unsigned");
    }

    @Test
    void bddpMakesNoLink() {
        fabric.deliver(S2_P1, LldpProbeTest.hex(LldpProbeTest.GOLDEN.replace("88 cc", "89 42")));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unsigned");
    }

    @Test
    void malformedLldpIsCountedAndNeverThrows() {
        // onlab's parser would refuse this frame before it reached us; a processor must cope anyway.
        byte[] garbage = LldpProbeTest.hex("01 80 c2 00 00 0e 00 00 00 00 00 0a 88 cc ff ff 01");
        Ethernet parsed = new Ethernet().setEtherType(Ethernet.TYPE_LLDP)
                .setSourceMACAddress(HOST).setDestinationMACAddress(LldpProbe.DESTINATION);
        PacketContext context = fabric.packets.deliver(new InboundPacket(S2_P1.device(), S2_P1.port(), parsed,
                garbage, OptionalInt.empty()));

        assertThat(context.isHandled()).isTrue();
        assertNoLinks();
        assertOnlyCounted("discovery.dropped.malformed");
    }

    @Test
    void aProbeSignedWithAnotherKeyIsForged() {
        ProbeSigner attacker = new ProbeSigner("a host's guess at the secret!!!".getBytes(StandardCharsets.US_ASCII));
        fabric.deliver(S2_P1, probe(attacker, S1_P2, fabric.clock.millis()));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.forged");
    }

    @Test
    void aProbeWithABitFlippedIsForged() {
        byte[] genuine = fabric.probeOutOf(S1_P2);
        String text = HexFormat.of().formatHex(genuine);
        // Flip the lowest bit of the timestamp, which nothing else in the frame repeats.
        int timestampEnd = text.indexOf("0a574604") - 4;
        byte[] tampered = genuine.clone();
        tampered[timestampEnd / 2 - 1] ^= 1;
        fabric.deliver(S2_P1, tampered);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.forged");
    }

    @Test
    void aGenuineSignatureOnAnotherSwitchsProbeIsForged() {
        // A host takes a probe it received and rewrites it to claim it came from another switch.
        byte[] genuine = fabric.probeOutOf(S1_P2);
        SignedProbe signed = ((LldpProbe.Decoded.Ours) LldpProbe.decode(genuine)).probe();
        Probe claimed = new Probe(2, 3, signed.probe().timestampMillis());
        fabric.deliver(S1_P3, LldpProbe.encode(new SignedProbe(claimed, signed.signature()), HOST, 3));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.forged");
    }

    @Test
    void aProbeOlderThanTheMaximumAgeIsStale() {
        byte[] probe = fabric.probeOutOf(S1_P2);
        fabric.clock.advance(Duration.ofMillis(3_001));
        fabric.deliver(S2_P1, probe);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.stale");
    }

    @Test
    void aProbeExactlyTheMaximumAgeOldIsStillBelieved() {
        byte[] probe = fabric.probeOutOf(S1_P2);
        fabric.clock.advance(Duration.ofSeconds(3));
        fabric.deliver(S2_P1, probe);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
    }

    @Test
    void aProbeFromTheFutureBeyondTheSkewIsStale() {
        fabric.deliver(S2_P1, probe(S1_P2, fabric.clock.millis() + 1_001));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.stale");
    }

    @Test
    void aProbeSlightlyInTheFutureIsBelieved() {
        fabric.deliver(S2_P1, probe(S1_P2, fabric.clock.millis() + 1_000));

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
    }

    @Test
    void theSameProbeTwiceIsAReplay() {
        fabric.carry(S1_P2, S2_P1);
        fabric.carry(S1_P2, S2_P1);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
        assertThat(fabric.discoveryCounters()).isEqualTo(Map.of("discovery.probes.accepted", 1L,
                "discovery.dropped.replayed", 1L));
    }

    @Test
    void aReplayIsCountedAsOneBeforeTheChecksThatFollow() {
        fabric.carry(S1_P2, S2_P1);
        fabric.hosts.hostSeen(HostKey.untagged(HOST), S2_P1, Optional.empty());
        fabric.carry(S1_P2, S2_P1);

        assertThat(fabric.counters.get("discovery.dropped.replayed")).isEqualTo(1);
        assertThat(fabric.counters.get("discovery.dropped.host_port")).isZero();
    }

    @Test
    void aHostReplayingACapturedProbeAtAnotherPortMakesNoLink() {
        fabric.carry(S1_P2, S2_P1);
        // A host at s2 port 3 that captured the probe sends it into its own port.
        fabric.carry(S1_P2, S2_P3);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
        assertThat(fabric.counters.get("discovery.dropped.replayed")).isEqualTo(1);
    }

    @Test
    void aProbeArrivingAtAPortWithHostsIsRefused() {
        fabric.hosts.hostSeen(HostKey.untagged(HOST), S2_P3, Optional.empty());
        fabric.carry(S1_P2, S2_P3);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.host_port");
        assertThat(fabric.links.isInfrastructure(S2_P3)).as("a genuine probe arrived there: no edge port").isTrue();
        assertThat(fabric.links.isInfrastructure(S1_P2)).as("the probe's source is only its word").isFalse();
    }

    @Test
    void aProbeSentOutOfAHostsPortIsRefused() {
        // A host at s1 port 3 is sent a probe and relays it to another of its interfaces, at s2 port 2.
        fabric.hosts.hostSeen(HostKey.untagged(HOST), S1_P3, Optional.empty());
        fabric.carry(S1_P3, S2_P2);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.host_port");
    }

    @Test
    void aRefusedProbeDoesNotUseUpTheGenuineOne() {
        // Refusals do not use up a probe: the genuine one that crosses a cable still makes its link.
        fabric.hosts.hostSeen(HostKey.untagged(HOST), S2_P3, Optional.empty());
        fabric.carry(S1_P2, S2_P3);
        fabric.carry(S1_P2, S2_P1);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S2_P1));
    }

    @Test
    void aProbeFromAnUnknownSwitchIsRefused() {
        fabric.deliver(S2_P1, probe(point(9, 1), fabric.clock.millis()));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unknown_source");
    }

    @Test
    void aProbeFromAPortTheSwitchDoesNotHaveIsRefused() {
        fabric.deliver(S2_P1, probe(point(1, 7), fabric.clock.millis()));

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unknown_source");
    }

    @Test
    void aProbeFromADisconnectedSwitchIsRefused() {
        byte[] probe = fabric.probeOutOf(S1_P2);
        fabric.devices.deviceDisconnected(device(1));
        fabric.deliver(S2_P1, probe);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unknown_source");
    }

    @Test
    void aProbeFromAPortNowDownIsRefused() {
        byte[] probe = fabric.probeOutOf(S1_P2);
        fabric.devices.portUpdated(device(1), Fabric.port(1, 2, false));
        fabric.deliver(S2_P1, probe);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.unknown_source");
    }

    @Test
    void aProbeBackAtItsOwnPortIsALoop() {
        fabric.carry(S1_P2, S1_P2);

        assertNoLinks();
        assertOnlyCounted("discovery.dropped.loopback");
    }

    @Test
    void aProbeBetweenTwoPortsOfOneSwitchMakesALink() {
        // A cable from a switch back to itself is a link like any other.
        fabric.carry(S1_P2, S1_P3);

        assertThat(fabric.links.links()).containsExactly(new Link(S1_P2, S1_P3));
    }

    @Test
    void aFailingModelIsCountedAndDoesNotEscapeTheProcessor() {
        LinkDiscovery broken = new LinkDiscovery(DiscoveryConfig.DEFAULTS, Fabric.SECRET, fabric.devices,
                fabric.hosts, new LinkProviderService() {
                    @Override
                    public void linkSeen(Link link) {
                        throw new IllegalStateException("the link store is broken");
                    }

                    @Override
                    public void probeRefusedAt(ConnectPoint port) {
                        throw new IllegalStateException("the link store is broken");
                    }
                }, fabric.packets, fabric.flowRules, fabric.clock, fabric.counters);
        PacketContext context = new PacketContext(Fabric.packetIn(S2_P1, fabric.probeOutOf(S1_P2)));

        broken.process(context);

        assertThat(context.isHandled()).isTrue();
        assertThat(fabric.counters.get("discovery.dropped.error")).isEqualTo(1);
    }

    @Test
    void aSwitchJoiningMakesOneMoreRoundSoItsNeighboursProbeItAtOnce() {
        fabric.discovery.probeAll();
        fabric.packets.clearEmitted();
        fabric.discovery.probeAllIfJoined();
        assertThat(fabric.packets.emitted()).as("no switch joined since the last round").isEmpty();

        fabric.connect(3, 1);
        fabric.packets.clearEmitted();
        fabric.discovery.probeAllIfJoined();

        assertThat(fabric.packets.emitted()).extracting(p -> p.device())
                .as("the switches that were there probe the one that joined")
                .contains(device(1), device(2), device(3));
        assertThat(fabric.counters.get("discovery.rounds.joined")).isEqualTo(1);
        fabric.packets.clearEmitted();
        fabric.discovery.probeAllIfJoined();
        assertThat(fabric.packets.emitted()).as("one round per join, not one per call").isEmpty();
    }

    @Test
    void probeAllSendsOneProbeOutOfEveryUpPortOfEveryAvailableSwitch() {
        fabric.devices.portUpdated(device(1), Fabric.port(1, 3, false));
        fabric.connect(3, 1);
        fabric.devices.deviceDisconnected(device(3));
        fabric.packets.clearEmitted();
        fabric.clock.advance(Duration.ofSeconds(2));

        fabric.discovery.probeAll();

        List<OutboundPacket> sent = fabric.packets.emitted();
        assertThat(sent).extracting(p -> new ConnectPoint(p.device(), ((Action.Output) p.actions().get(0)).port()))
                .containsExactlyInAnyOrder(S1_P1, S1_P2, S2_P1, S2_P2, S2_P3);
        for (OutboundPacket packet : sent) {
            assertThat(packet.inPort()).isEqualTo(PortNumber.CONTROLLER);
            assertThat(packet.actions()).hasSize(1);
            assertThat(packet.bufferId()).isEmpty();
            SignedProbe signed = ((LldpProbe.Decoded.Ours) LldpProbe.decode(packet.data())).probe();
            ConnectPoint out = new ConnectPoint(packet.device(), ((Action.Output) packet.actions().get(0)).port());
            assertThat(signed.probe().source()).isEqualTo(out);
            assertThat(signed.probe().timestampMillis()).isEqualTo(fabric.clock.millis());
            assertThat(MacAddress.valueOf(Arrays.copyOfRange(packet.data(), 6, 12)))
                    .isEqualTo(Fabric.port(DeviceIds.datapathId(out.device()),
                            out.port().toLong(), true).mac());
        }
    }

    @Test
    void probesThatCannotBeSentAreCounted() {
        long sentAtConnect = fabric.counters.get("discovery.probes.sent");
        fabric.packets.emitResult(false);

        fabric.discovery.probeAll();

        assertThat(sentAtConnect).isEqualTo(6);
        assertThat(fabric.counters.get("discovery.probes.sent")).isEqualTo(6);
        assertThat(fabric.counters.get("discovery.probes.unsent")).isEqualTo(6);
    }

    @Test
    void probesOfOnePortInOneMillisecondAreStillAllDifferent() {
        fabric.discovery.probeAll();
        byte[] first = fabric.probeOutOf(S1_P2);
        fabric.discovery.probeAll();
        byte[] second = fabric.probeOutOf(S1_P2);

        fabric.deliver(S2_P1, first);
        fabric.deliver(S2_P1, second);

        assertThat(fabric.counters.get("discovery.probes.accepted")).isEqualTo(2);
        assertThat(fabric.counters.get("discovery.dropped.replayed")).isZero();
    }

    @Test
    void aSwitchThatConnectsGetsThePuntRuleAndIsProbedAtOnce() {
        FlowRule expected = new FlowRule(device(1), 0, 40_000, TrafficMatch.ANY.withEthType(0x88cc),
                List.of(Action.output(PortNumber.CONTROLLER)), Cookies.cookie(LinkDiscovery.DISCOVERY, 0), 0, 0);

        assertThat(fabric.flowRules.added()).contains(expected, LinkDiscovery.puntRule(device(2)));
        assertThat(fabric.flowRules.added()).hasSize(2);
        assertThat(LinkDiscovery.DISCOVERY).isEqualTo(new AppId(2, "discovery"));
        assertThat(fabric.packets.emitted()).extracting(OutboundPacket::device).containsOnly(device(1), device(2))
                .hasSize(6);
        assertThat(fabric.counters.get("discovery.rule_failures")).isZero();
    }

    @Test
    void aRefusedPuntRuleIsCounted() {
        fabric.flowRules.failWith(new IllegalStateException("table full"));
        fabric.connect(3, 1);

        assertThat(fabric.counters.get("discovery.rule_failures")).isEqualTo(1);
        assertThat(fabric.counters.get("discovery.probes.sent")).as("probes go out all the same").isEqualTo(7);
    }

    @Test
    void aPortThatComesUpIsProbedAtOnceAndOneThatGoesDownIsNot() {
        fabric.packets.clearEmitted();

        fabric.devices.portUpdated(device(1), Fabric.port(1, 4, true));   // added, up
        fabric.devices.portUpdated(device(1), Fabric.port(1, 2, false));  // updated, down
        fabric.devices.portUpdated(device(1), Fabric.port(1, 2, true));   // updated, up again

        assertThat(fabric.packets.emitted()).extracting(p -> p.actions().get(0))
                .containsExactly(Action.output(PortNumber.portNumber(4)), Action.output(PortNumber.portNumber(2)));
    }

    @Test
    void reservedPortsAreNeverProbed() {
        fabric.packets.clearEmitted();
        fabric.devices.portUpdated(device(1), new Port(PortNumber.LOCAL, "s1",
                MacAddress.valueOf("0e:00:00:00:01:fe"), true, 0));

        fabric.discovery.probeAll();

        assertThat(fabric.packets.emitted()).extracting(p -> p.actions().get(0))
                .doesNotContain(Action.output(PortNumber.LOCAL));
        assertThat(fabric.packets.emitted()).hasSize(6);
    }
}

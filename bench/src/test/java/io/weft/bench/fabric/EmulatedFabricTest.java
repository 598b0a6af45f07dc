package io.weft.bench.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.weft.bench.ofswitch.SwitchHarness;
import io.weft.bench.ofswitch.SwitchProfile;
import io.weft.metrics.Counters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A fabric's switches on embedded channels, the test playing the controller: what one switch
 * is told to send out of a cabled port arrives at the far end, cut cables say so, and the flow
 * mods the switches receive make the tables a trace follows.
 */
class EmulatedFabricTest {
    /** An LLDP frame as far as the fabric cares: its EtherType, then anything. */
    private static final byte[] PROBE = HexFormat.of().parseHex("0180c200000e0e0000000100" + "88cc"
            + "020704000000000000000104020002060200030000");
    private static final long A = 0x020000000001L;
    private static final long B = 0x020000000002L;

    private final Counters counters = new Counters();
    private final List<SwitchHarness> harnesses = new ArrayList<>();

    @AfterEach
    void close() {
        harnesses.forEach(SwitchHarness::close);
    }

    private EmulatedFabric fabric(Fabric shape, OFVersion version) {
        return new EmulatedFabric(shape, version, counters);
    }

    /** Switch {@code index} after the controller's HELLO and FEATURES_REQUEST: the fabric knows it now. */
    private SwitchHarness connect(EmulatedFabric fabric, int index, OFVersion version) {
        SwitchProfile profile = SwitchProfile.of(index, version, fabric.fabric().ports());
        SwitchHarness h = new SwitchHarness(profile, fabric.behaviour(profile));
        harnesses.add(h);
        OFFactory f = OFFactories.getFactory(version);
        h.next();
        h.feed(f.buildHello().setXid(1).build());
        h.feed(f.buildFeaturesRequest().setXid(2).build());
        h.next();
        return h;
    }

    private static OFMessage packetOut(OFVersion version, OFPort port, byte[] data) {
        OFFactory f = OFFactories.getFactory(version);
        return f.buildPacketOut().setXid(9).setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of(f.actions().output(port, 0xffff))).setData(data).build();
    }

    private static OFMessage parse(byte[] bytes) throws Exception {
        return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes));
    }

    private static int inPort(OFPacketIn in) {
        return in.getVersion() == OFVersion.OF_10 ? in.getInPort().getPortNumber()
                : in.getMatch().get(MatchField.IN_PORT).getPortNumber();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void anLldpPacketOutComesOutOfTheCableAsAPacketInAtTheFarEnd(OFVersion version) throws Exception {
        EmulatedFabric fabric = fabric(Fabrics.linear(3), version);
        SwitchHarness s1 = connect(fabric, 0, version);
        SwitchHarness s2 = connect(fabric, 1, version);

        s1.feed(packetOut(version, OFPort.of(2), PROBE));

        s1.expectNothingWritten();
        OFMessage arrived = parse(s2.next());
        assertThat(arrived).isInstanceOfSatisfying(OFPacketIn.class, in -> {
            assertThat(in.getData()).isEqualTo(PROBE);
            assertThat(inPort(in)).isEqualTo(1);
            assertThat(in.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
            assertThat(in.getReason()).isEqualTo(OFPacketInReason.ACTION);
        });
        assertThat(counters.get("bench.fabric.probes.relayed")).isOne();
        assertThat(fabric.everySwitchProbedAt()).as("s3 has had no probe").isEmpty();
    }

    @Test
    void probesThatCannotCrossACableAreCountedByWhy() {
        OFVersion v = OFVersion.OF_13;
        EmulatedFabric fabric = fabric(Fabrics.linear(3), v);
        SwitchHarness s1 = connect(fabric, 0, v);
        SwitchHarness s2 = connect(fabric, 1, v);

        s2.feed(packetOut(v, OFPort.of(3), PROBE));
        s2.feed(packetOut(v, OFPort.of(2), PROBE));
        s2.feed(packetOut(v, OFPort.FLOOD, PROBE));
        byte[] notLldp = PROBE.clone();
        notLldp[12] = 0x08;
        notLldp[13] = 0x00;
        s2.feed(packetOut(v, OFPort.of(1), notLldp));

        assertThat(counters.get("bench.fabric.probes.no_cable")).as("out of the host port").isOne();
        assertThat(counters.get("bench.fabric.probes.peer_not_ready")).as("towards s3, not connected").isOne();
        assertThat(counters.get("bench.fabric.probes.not_a_port")).isOne();
        assertThat(counters.get("bench.fabric.packet_outs.not_lldp")).isOne();
        assertThat(counters.get("bench.fabric.probes.relayed")).isZero();
        s1.expectNothingWritten();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aCutCableSaysLinkDownAtBothEndsAndCarriesNothingUntilRestored(OFVersion version) throws Exception {
        EmulatedFabric fabric = fabric(Fabrics.linear(2), version);
        SwitchHarness s1 = connect(fabric, 0, version);
        SwitchHarness s2 = connect(fabric, 1, version);
        Cable cable = fabric.fabric().cables().get(0);

        fabric.cut(cable);
        assertLinkDown(s1, 2);
        assertLinkDown(s2, 1);
        s1.feed(packetOut(version, OFPort.of(2), PROBE));
        s2.expectNothingWritten();
        assertThat(counters.get("bench.fabric.probes.cable_cut")).isOne();

        fabric.restore(cable);
        assertThat(parse(s1.next())).isInstanceOfSatisfying(OFPortStatus.class,
                s -> assertThat(s.getDesc().getState()).doesNotContain(OFPortState.LINK_DOWN));
        s2.next();
        s1.feed(packetOut(version, OFPort.of(2), PROBE));
        assertThat(parse(s2.next())).isInstanceOf(OFPacketIn.class);
    }

    @Test
    void aHostsFrameIsAPacketInNoRuleAskedFor() throws Exception {
        OFVersion v = OFVersion.OF_13;
        EmulatedFabric fabric = fabric(Fabrics.linear(2), v);
        SwitchHarness s2 = connect(fabric, 1, v);
        EmulatedHost host = new EmulatedHost(7, new Endpoint(1, 3));
        EmulatedHost other = new EmulatedHost(8, new Endpoint(0, 3));

        assertThat(fabric.hostSends(other.at(), other.frameTo(host))).as("s1 is not connected").isFalse();
        assertThat(fabric.hostSends(host.at(), host.frameTo(other))).isTrue();

        assertThat(parse(s2.next())).isInstanceOfSatisfying(OFPacketIn.class, in -> {
            assertThat(inPort(in)).isEqualTo(3);
            assertThat(in.getReason()).isEqualTo(OFPacketInReason.NO_MATCH);
            assertThat(MacAddress.of(Arrays.copyOfRange(in.getData(), 6, 12)).getLong())
                    .isEqualTo(host.mac());
        });
    }

    @Test
    void theFlowModsTheSwitchesReceiveMakeTheTablesATraceFollows() {
        OFVersion v = OFVersion.OF_13;
        EmulatedFabric fabric = fabric(Fabrics.linear(3), v);
        List<SwitchHarness> s = List.of(connect(fabric, 0, v), connect(fabric, 1, v), connect(fabric, 2, v));
        List<String> seen = new ArrayList<>();
        fabric.setFlowModListener((index, delete, nanos) -> seen.add("s" + (index + 1) + (delete ? " delete" : " add")));
        Endpoint from = new Endpoint(0, 3);
        Endpoint to = new Endpoint(2, 3);
        assertThat(fabric.trace(from, A, B, to).outcome()).isEqualTo("no rule at s1-eth3");

        s.get(0).feed(rule(v, false, 3, 2));
        s.get(1).feed(rule(v, false, 1, 2));
        assertThat(fabric.trace(from, A, B, to).outcome()).isEqualTo("no rule at s3-eth1");
        s.get(2).feed(rule(v, false, 1, 3));

        Trace trace = fabric.trace(from, A, B, to);
        assertThat(trace.delivered()).isTrue();
        assertThat(trace.egress()).containsExactly(new Endpoint(0, 2), new Endpoint(1, 2), new Endpoint(2, 3));
        assertThat(trace.cables(fabric.wiring())).hasSize(2);
        assertThat(fabric.trace(to, B, A, from).delivered()).as("the other direction has no rules").isFalse();
        assertThat(seen).containsExactly("s1 add", "s2 add", "s3 add");

        Cable s2s3 = fabric.fabric().cables().get(1);
        fabric.cut(s2s3);
        assertThat(fabric.trace(from, A, B, to).outcome()).isEqualTo("into the cut cable " + s2s3);
        assertThat(fabric.rulesAt(Set.of(s2s3.a(), s2s3.b()), Set.of(A, B))).isEqualTo(2);
        assertThat(fabric.rulesAt(Set.of(s2s3.a(), s2s3.b()), Set.of(0x02L))).as("other hosts' rules").isZero();

        s.get(2).feed(rule(v, true, 1, 0));
        assertThat(seen).last().isEqualTo("s3 delete");
        assertThat(fabric.rulesAt(Set.of(s2s3.a(), s2s3.b()), Set.of(A, B))).isOne();
        assertThat(counters.get("bench.fabric.flow_mods")).isEqualTo(4);
    }

    private static void assertLinkDown(SwitchHarness sw, int port) throws Exception {
        assertThat(parse(sw.next())).isInstanceOfSatisfying(OFPortStatus.class, s -> {
            assertThat(s.getDesc().getPortNo().getPortNumber()).isEqualTo(port);
            assertThat(s.getDesc().getState()).contains(OFPortState.LINK_DOWN);
        });
    }

    private static OFFlowMod rule(OFVersion version, boolean delete, int in, int out) {
        OFFactory f = OFFactories.getFactory(version);
        OFFlowMod.Builder b = delete ? f.buildFlowDeleteStrict() : f.buildFlowAdd();
        return b.setPriority(10).setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(in))
                        .setExact(MatchField.ETH_SRC, MacAddress.of(A)).setExact(MatchField.ETH_DST, MacAddress.of(B))
                        .build())
                .setInstructions(out == 0 ? List.of() : List.of(f.instructions().applyActions(
                        List.of(f.actions().output(OFPort.of(out), 0xffff)))))
                .build();
    }
}

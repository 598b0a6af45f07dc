package io.weft.bench.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

class FlowTableModelTest {
    private static final long A = 0x020000000001L;
    private static final long B = 0x020000000002L;
    private static final int IPV4 = 0x0800;

    /** The rules Weft's path forwarding installs: input port, source and destination MAC, one output. */
    private static OFFlowMod.Builder pathRule(OFFactory f, OFFlowMod.Builder b, int in, int out) {
        b.setPriority(10).setMatch(match(f, in));
        List<OFAction> actions = out == 0 ? List.of() : List.of(f.actions().output(OFPort.of(out), 0xffff));
        if (f.getVersion() == OFVersion.OF_10) {
            b.setActions(actions);
        } else {
            b.setInstructions(List.of(f.instructions().applyActions(actions)));
        }
        return b;
    }

    private static Match match(OFFactory f, int in) {
        return f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(in))
                .setExact(MatchField.ETH_SRC, MacAddress.of(A)).setExact(MatchField.ETH_DST, MacAddress.of(B)).build();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void anAddReplacesTheRuleOfTheSamePriorityAndMatchAndADeleteStrictRemovesIt(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        FlowTableModel table = new FlowTableModel(version);
        table.apply(pathRule(f, f.buildFlowAdd(), 1, 2).build());
        assertThat(table.lookup(1, A, B, IPV4)).hasValueSatisfying(r -> assertThat(r.outputs()).containsExactly(2));
        assertThat(table.lookup(3, A, B, IPV4)).as("another input port").isEmpty();
        assertThat(table.lookup(1, B, A, IPV4)).as("the other direction").isEmpty();

        table.apply(pathRule(f, f.buildFlowAdd(), 1, 4).build());
        assertThat(table.rules()).hasSize(1);
        assertThat(table.lookup(1, A, B, IPV4).orElseThrow().outputs()).containsExactly(4);

        table.apply(pathRule(f, f.buildFlowDeleteStrict(), 1, 0).build());
        assertThat(table.rules()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void theHighestPriorityMatchWinsAndTheTableMissRuleSendsToTheController(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        FlowTableModel table = new FlowTableModel(version);
        OFFlowMod.Builder miss = f.buildFlowAdd().setPriority(0).setMatch(f.matchWildcardAll());
        List<OFAction> toController = List.of(f.actions().output(OFPort.CONTROLLER, 0xffff));
        if (version == OFVersion.OF_10) {
            miss.setActions(toController);
        } else {
            miss.setInstructions(List.of(f.instructions().applyActions(toController)));
        }
        table.apply(miss.build());
        assertThat(table.lookup(7, A, B, IPV4).orElseThrow().outputs()).containsExactly(FlowTableModel.NOT_A_PORT);

        table.apply(pathRule(f, f.buildFlowAdd(), 7, 2).build());
        assertThat(table.lookup(7, A, B, IPV4).orElseThrow().outputs()).containsExactly(2);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aNonStrictDeleteRemovesEveryRuleItsMatchCoversFilteredByOutPort(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        FlowTableModel table = new FlowTableModel(version);
        table.apply(pathRule(f, f.buildFlowAdd(), 1, 2).build());
        table.apply(pathRule(f, f.buildFlowAdd(), 3, 4).build());
        OFFlowMod lldp = f.buildFlowAdd().setPriority(40_000)
                .setMatch(f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.LLDP).build()).build();
        table.apply(lldp);

        table.apply(f.buildFlowDelete().setMatch(f.buildMatch().setExact(MatchField.ETH_DST, MacAddress.of(B)).build())
                .setOutPort(OFPort.of(4)).build());
        assertThat(table.rules()).extracting(r -> r.match().inPort()).containsExactlyInAnyOrder(1, null);

        table.apply(f.buildFlowDelete().setMatch(f.buildMatch().setExact(MatchField.ETH_DST, MacAddress.of(B)).build())
                .build());
        assertThat(table.rules()).singleElement().satisfies(r -> assertThat(r.match().ethType()).isEqualTo(0x88cc));
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aModifyStrictChangesTheRuleAndAddsItOnlyOnOpenFlow10(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        FlowTableModel table = new FlowTableModel(version);
        table.apply(pathRule(f, f.buildFlowModifyStrict(), 1, 2).build());
        assertThat(table.rules()).hasSize(version == OFVersion.OF_10 ? 1 : 0);

        table.apply(pathRule(f, f.buildFlowAdd(), 1, 2).build());
        table.apply(pathRule(f, f.buildFlowModifyStrict(), 1, 5).build());
        assertThat(table.rules()).singleElement().satisfies(r -> assertThat(r.outputs()).containsExactly(5));
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aRuleMatchingOnMoreThanTheTracedFieldsNeverMatchesATracedFrame(OFVersion version) {
        OFFactory f = OFFactories.getFactory(version);
        FlowTableModel table = new FlowTableModel(version);
        OFFlowMod.Builder vlan = f.buildFlowAdd().setPriority(100).setMatch(f.buildMatch()
                .setExact(MatchField.ETH_DST, MacAddress.of(B)).setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, org.projectfloodlight.openflow.types.IpProtocol.UDP).build());
        table.apply(vlan.build());
        assertThat(table.rules()).singleElement().satisfies(r -> assertThat(r.match().other()).isTrue());
        assertThat(table.lookup(1, A, B, IPV4)).isEmpty();
    }
}

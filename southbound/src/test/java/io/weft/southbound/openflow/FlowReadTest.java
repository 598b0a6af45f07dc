package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** Reading a switch's rules back: the flow-stats request on the wire, and its replies in the model's terms. */
class FlowReadTest {
    private static final AppId VNET = new AppId(4, "vnet");
    private static final long APP_MASK = 0xffffL << 48;
    private static final DeviceId DEVICE = DeviceIds.fromDatapathId(Handshakes.DATAPATH_ID);
    private static final TrafficMatch UNTAGGED_FROM_2 = TrafficMatch.ANY.withInPort(PortNumber.portNumber(2))
            .withVlan(VlanId.NONE).withEthDst(MacAddress.valueOf("00:00:00:00:00:05"));
    private static final TrafficMatch TAG_7_FROM_4 = TrafficMatch.ANY.withInPort(PortNumber.portNumber(4))
            .withVlan(VlanId.vlanId((short) 7)).withEthDst(MacAddress.valueOf("00:00:00:00:00:05"));
    /** Every shape of rule the apps write: outputs, drops, push, set, pop, ethertype and source matches. */
    private static final List<FlowRule> RULES = List.of(
            rule(UNTAGGED_FROM_2, List.of(Action.pushVlan(VlanId.vlanId((short) 7)),
                    Action.output(PortNumber.portNumber(4)))),
            rule(UNTAGGED_FROM_2, List.of()),
            rule(TAG_7_FROM_4, List.of(Action.popVlan(), Action.output(PortNumber.portNumber(2)))),
            rule(TAG_7_FROM_4, List.of(Action.setVlan(VlanId.vlanId((short) 9)), Action.output(PortNumber.FLOOD))),
            rule(TrafficMatch.ANY.withEthType(0x0806).withEthSrc(MacAddress.valueOf("0a:00:00:00:00:01")),
                    List.of(Action.output(PortNumber.CONTROLLER), Action.output(PortNumber.IN_PORT))));

    /** MULTIPART_REQUEST FLOW, all tables, any port and group, cookie 0x5704.. under the app mask, empty match. */
    private static final String FLOW_STATS_REQUEST_13 = ""
            + "04 12 00 38 xx xx xx xx"  // MULTIPART_REQUEST, 56 bytes
            + " 00 01 00 00 00 00 00 00" // FLOW, no flags, pad
            + " ff 00 00 00 ff ff ff ff" // table ALL, pad, out_port ANY
            + " ff ff ff ff 00 00 00 00" // out_group ANY, pad
            + " 57 04 00 00 00 00 00 00" // cookie: Weft marker, app 4
            + " ff ff 00 00 00 00 00 00" // cookie mask: marker and app
            + " 00 01 00 04 00 00 00 00"; // match: OXM, no fields, pad
    /** OpenFlow 1.0 has no cookie filter: FLOW, match all (wildcards ALL), table ALL, out_port NONE. */
    private static final String FLOW_STATS_REQUEST_10 = ""
            + "01 10 00 38 xx xx xx xx"  // STATS_REQUEST, 56 bytes
            + " 00 01 00 00 00 3f ff ff" // FLOW, no flags; wildcards
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" // in_port .. dl_dst
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" // dl_vlan .. nw_dst
            + " 00 00 00 00" // tp_src, tp_dst
            + " ff 00 ff ff"; // table ALL, pad, out_port NONE

    private final SwitchConnection sw = SwitchConnection.open();
    private final OpenFlowFlowRuleService flowRules = new OpenFlowFlowRuleService(sw.registry,
            new EventDispatcher(new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64,
                    sw.counters), sw.counters), sw.counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    static Stream<Arguments> versions() {
        return Stream.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15).map(Arguments::of);
    }

    /** OpenFlow 1.0 switches send what matches nothing to the controller without a rule. */
    static Stream<Arguments> versionsWithTableMiss() {
        return Stream.of(OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15).map(Arguments::of);
    }

    /** What the translator writes, a switch reports back unchanged: the rule reads back equal. */
    @ParameterizedTest
    @MethodSource("versions")
    void everyRuleShapeReadsBackAsWritten(OFVersion version) {
        OFFactory factory = OFFactories.getFactory(version);
        for (FlowRule rule : RULES) {
            OFFlowStatsEntry entry = entryOf(factory, OpenFlowTranslator.flowMod(factory, FlowOperation.add(rule)));
            assertThat(OpenFlowTranslator.flowRule(DEVICE, entry)).as("%s on %s", rule, version).contains(rule);
        }
    }

    /** The audit judges the handshake's table-miss rule by what it reads back: it must read back as Weft tracks it. */
    @ParameterizedTest
    @MethodSource("versionsWithTableMiss")
    void theTableMissRuleReadsBackAsTracked(OFVersion version) {
        OFFactory factory = OFFactories.getFactory(version);
        FlowRule miss = SwitchChannelHandler.tableMiss(DEVICE);
        OFFlowStatsEntry entry = entryOf(factory, OpenFlowTranslator.flowMod(factory, FlowOperation.add(miss)));

        assertThat(OpenFlowTranslator.flowRule(DEVICE, entry)).contains(miss);
    }

    @Test
    void aRuleTheModelCannotExpressReadsAsNothing() {
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
        OFFlowStatsEntry ipMatch = ipv4Entry(factory);
        OFFlowStatsEntry goto1 = factory.buildFlowStatsEntry().setCookie(U64.of(Cookies.cookie(VNET, 1)))
                .setMatch(factory.buildMatch().build())
                .setInstructions(List.of(factory.instructions().gotoTable(TableId.of(1)))).build();
        OFFlowStatsEntry maskedMac = factory.buildFlowStatsEntry().setCookie(U64.of(Cookies.cookie(VNET, 1)))
                .setMatch(factory.buildMatch().setMasked(MatchField.ETH_DST,
                        org.projectfloodlight.openflow.types.MacAddress.of("01:00:00:00:00:00"),
                        org.projectfloodlight.openflow.types.MacAddress.of("01:00:00:00:00:00")).build())
                .setInstructions(List.of()).build();

        assertThat(Stream.of(ipMatch, goto1, maskedMac).map(e -> OpenFlowTranslator.flowRule(DEVICE, e)))
                .allMatch(Optional::isEmpty);
    }

    @Test
    void readAsksForTheCookieRangeAndGathersEveryPartOfTheReply() {
        sw.activate(OFVersion.OF_13);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
        CompletableFuture<List<FlowRule>> read = flowRules.read(DEVICE, Cookies.cookie(VNET, 0), APP_MASK);

        long xid = sw.expect(FLOW_STATS_REQUEST_13);
        OFFlowStatsEntry inexpressible = ipv4Entry(factory);
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(xid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                .setEntries(List.of(entryOf(factory, RULES.get(0)), inexpressible)).build()));
        assertThat(read).as("only the first part arrived").isNotDone();
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(xid).setFlags(Set.of())
                .setEntries(List.of(entryOf(factory, RULES.get(2)))).build()));

        assertThat(read).isCompletedWithValue(List.of(RULES.get(0), RULES.get(2)));
        assertThat(sw.counters.get("flows.read.inexpressible")).isEqualTo(1);
    }

    @Test
    void openFlow10RulesOfOtherOwnersAreFilteredOutHere() {
        sw.activate(OFVersion.OF_10);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_10);
        CompletableFuture<List<FlowRule>> read = flowRules.read(DEVICE, Cookies.cookie(VNET, 0), APP_MASK);

        long xid = sw.expect(FLOW_STATS_REQUEST_10);
        FlowRule forwarding = new FlowRule(DEVICE, 0, 10, UNTAGGED_FROM_2, List.of(),
                Cookies.cookie(new AppId(3, "forwarding"), 1), 0, 0);
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(xid).setFlags(Set.of())
                .setEntries(List.of(entryOf(factory, RULES.get(1)), entryOf(factory, forwarding))).build()));

        assertThat(read).isCompletedWithValue(List.of(RULES.get(1)));
    }

    @Test
    void anErrorForTheRequestFailsTheRead() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<List<FlowRule>> read = flowRules.read(DEVICE, Cookies.cookie(VNET, 0), APP_MASK);
        long xid = sw.expect(FLOW_STATS_REQUEST_13);

        sw.reply("04 01 00 0c xx xx xx xx 00 01 00 02", xid); // BAD_REQUEST / BAD_MULTIPART

        assertThat(read).isCompletedExceptionally();
        assertThat(read.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                FlowOperationException.class::isInstance);
        assertThat(sw.counters.get("openflow.errors.unattributed")).isZero();
    }

    @Test
    void noReplyWithinTheTimeoutFailsTheRead() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<List<FlowRule>> read = flowRules.read(DEVICE, Cookies.cookie(VNET, 0), APP_MASK);
        sw.expect(FLOW_STATS_REQUEST_13);

        sw.advance(OpenFlowConfig.DEFAULTS.barrierTimeout().plus(Duration.ofMillis(1)));

        assertThat(read.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                TimeoutException.class::isInstance);
        assertThat(sw.counters.get("openflow.stats.timeouts")).isEqualTo(1);
    }

    @Test
    void aDisconnectFailsTheRead() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<List<FlowRule>> read = flowRules.read(DEVICE, Cookies.cookie(VNET, 0), APP_MASK);
        sw.expect(FLOW_STATS_REQUEST_13);

        sw.close();

        assertThat(read.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                DeviceNotConnectedException.class::isInstance);
    }

    @Test
    void aReplyNobodyAskedForIsCounted() {
        sw.activate(OFVersion.OF_13);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);

        sw.feed(bytes(factory.buildFlowStatsReply().setXid(12345).setFlags(Set.of()).setEntries(List.of()).build()));

        assertThat(sw.counters.get("openflow.ignored.stats_reply")).isEqualTo(1);
        assertThat(sw.state()).isEqualTo(HandshakeState.ACTIVE);
    }

    /** A rule with the app's cookie matching an IPv4 destination, which the model has no field for. */
    private static OFFlowStatsEntry ipv4Entry(OFFactory factory) {
        return factory.buildFlowStatsEntry().setCookie(U64.of(Cookies.cookie(VNET, 1)))
                .setMatch(factory.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.1")).build())
                .setInstructions(List.of()).build();
    }

    private static FlowRule rule(TrafficMatch match, List<Action> actions) {
        return new FlowRule(DEVICE, 0, 1300, match, actions, Cookies.cookie(VNET, 7), 0, 0);
    }

    private static OFFlowStatsEntry entryOf(OFFactory factory, FlowRule rule) {
        return entryOf(factory, OpenFlowTranslator.flowMod(factory, FlowOperation.add(rule)));
    }

    /** The entry a switch reports for a rule added with {@code mod}. */
    private static OFFlowStatsEntry entryOf(OFFactory factory, OFFlowMod mod) {
        OFFlowStatsEntry.Builder entry = factory.buildFlowStatsEntry()
                .setCookie(mod.getCookie())
                .setPriority(mod.getPriority())
                .setIdleTimeout(mod.getIdleTimeout())
                .setHardTimeout(mod.getHardTimeout())
                .setMatch(mod.getMatch());
        if (factory.getVersion() == OFVersion.OF_10) {
            entry.setActions(mod.getActions());
        } else {
            entry.setTableId(mod.getTableId()).setInstructions(mod.getInstructions());
        }
        if (factory.getVersion() == OFVersion.OF_15) {
            entry.setStats(factory.buildStat().build());
        }
        return entry.build();
    }

    private static byte[] bytes(OFMessage message) {
        ByteBuf buffer = Unpooled.buffer();
        message.writeTo(buffer);
        return ByteBufUtil.getBytes(buffer);
    }
}

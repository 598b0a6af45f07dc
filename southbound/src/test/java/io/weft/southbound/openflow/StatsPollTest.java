package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;
import io.weft.topology.device.DeviceIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFTableStatsEntry;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A statistics poll on the wire: the three requests per version as golden bytes, their replies
 * in the model's terms, and how a poll fails.
 */
@Timeout(10)
class StatsPollTest {
    private static final DeviceId DEVICE = DeviceIds.fromDatapathId(Handshakes.DATAPATH_ID);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final FlowRule RULE = new FlowRule(DEVICE, 0, 1300,
            TrafficMatch.ANY.withInPort(PortNumber.portNumber(2)), List.of(Action.output(PortNumber.portNumber(4))),
            Cookies.cookie(new AppId(4, "vnet"), 7), 0, 0);

    /** MULTIPART_REQUEST PORT_STATS for every port (OFPP_ANY), with the version byte in front. */
    private static final String PORT_STATS_REQUEST = " 12 00 18 xx xx xx xx 00 04 00 00 00 00 00 00"
            + " ff ff ff ff 00 00 00 00";
    /** MULTIPART_REQUEST FLOW: every table, port, group and cookie, an empty match. */
    private static final String FLOW_STATS_REQUEST = " 12 00 38 xx xx xx xx 00 01 00 00 00 00 00 00"
            + " ff 00 00 00 ff ff ff ff"  // table ALL, pad, out_port ANY
            + " ff ff ff ff 00 00 00 00"  // out_group ANY, pad
            + " 00 00 00 00 00 00 00 00"  // cookie 0
            + " 00 00 00 00 00 00 00 00"  // cookie mask 0: any cookie
            + " 00 01 00 04 00 00 00 00"; // match: OXM, no fields
    private static final String TABLE_STATS_REQUEST = " 12 00 10 xx xx xx xx 00 03 00 00 00 00 00 00";

    private static final String PORT_STATS_REQUEST_10 = "01 10 00 14 xx xx xx xx 00 04 00 00"
            + " ff ff 00 00 00 00 00 00"; // port OFPP_NONE: every port, pad
    private static final String FLOW_STATS_REQUEST_10 = "01 10 00 38 xx xx xx xx 00 01 00 00"
            + " 00 3f ff ff 00 00 00 00 00 00 00 00 00 00 00 00" // wildcards ALL, empty match
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00"
            + " ff 00 ff ff";             // table ALL, pad, out_port NONE
    private static final String TABLE_STATS_REQUEST_10 = "01 10 00 0c xx xx xx xx 00 03 00 00";

    /**
     * An OpenFlow 1.5 flow statistics reply as Open vSwitch sends it, its OXS fields numbered as
     * the specification numbers them: {@link #RULE}, 7 packets, 672 bytes, 5.5 s old.
     */
    private static final String OVS_FLOW_STATS_REPLY_15 = ""
            + "06 13 00 88 xx xx xx xx 00 01 00 00 00 00 00 00" // MULTIPART_REPLY FLOW_DESC, 136 bytes
            + " 00 78 00 00 00 00 05 14"                       // entry: 120 bytes, table 0, priority 1300
            + " 00 00 00 00 00 00 00 00"                       // idle, hard, flags, importance
            + " 57 04 00 00 00 00 00 07"                       // cookie
            + " 00 01 00 0c 80 00 00 04 00 00 00 02 00 00 00 00" // match: IN_PORT 2, pad
            + " 00 00 00 34 80 02 00 08"                       // stats: 52 bytes; DURATION (field 0)
            + " 00 00 00 05 1d cd 65 00"                       // = 5 s 500000000 ns
            + " 80 02 02 08 00 00 00 03 00 00 00 00"           // IDLE_TIME (field 1)
            + " 80 02 08 08 00 00 00 00 00 00 00 07"           // PACKET_COUNT (field 4) = 7
            + " 80 02 0a 08 00 00 00 00 00 00 02 a0"           // BYTE_COUNT (field 5) = 672
            + " 00 00 00 00"                                   // pad
            + " 00 04 00 18 00 00 00 00"                       // APPLY_ACTIONS, 24 bytes
            + " 00 00 00 10 00 00 00 04 ff ff 00 00 00 00 00 00"; // OUTPUT port 4, max_len 0xffff

    private final SwitchConnection sw = SwitchConnection.open();
    private final OpenFlowStatsService stats = new OpenFlowStatsService(sw.registry, Clock.fixed(NOW, ZoneOffset.UTC),
            sw.counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14", "OF_15"})
    void requestsOfOpenFlow13AndLater(OFVersion version) {
        sw.activate(version);
        String wire = String.format("%02x", version.getWireVersion());
        stats.poll(DEVICE);

        sw.expect(wire + PORT_STATS_REQUEST);
        sw.expect(wire + FLOW_STATS_REQUEST);
        sw.expect(wire + TABLE_STATS_REQUEST);
        sw.expectNothingWritten();
    }

    @Test
    void requestsOfOpenFlow10() {
        sw.activate(OFVersion.OF_10);
        stats.poll(DEVICE);

        sw.expect(PORT_STATS_REQUEST_10);
        sw.expect(FLOW_STATS_REQUEST_10);
        sw.expect(TABLE_STATS_REQUEST_10);
        sw.expectNothingWritten();
    }

    /** Replies built by openflowj, as a switch of each version would send them, every reply in two parts. */
    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14"})
    void repliesInTheModelsTerms(OFVersion version) {
        sw.activate(version);
        OFFactory factory = OFFactories.getFactory(version);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);
        long portsXid = xid(sw.written());
        long flowsXid = xid(sw.written());
        long tablesXid = xid(sw.written());

        sw.feed(bytes(factory.buildPortStatsReply().setXid(portsXid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                .setEntries(List.of(portEntry(factory, OFPort.of(1), 10), portEntry(factory, OFPort.LOCAL, 99)))
                .build()));
        sw.feed(bytes(factory.buildPortStatsReply().setXid(portsXid).setFlags(Set.of())
                .setEntries(List.of(portEntry(factory, OFPort.of(2), 20))).build()));
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(flowsXid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                .setEntries(List.of(flowEntry(factory, RULE, 10, 980))).build()));
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(flowsXid).setFlags(Set.of())
                .setEntries(List.of(ipv4Entry(factory))).build()));
        assertThat(poll).as("tables not answered yet").isNotDone();
        sw.feed(bytes(factory.buildTableStatsReply().setXid(tablesXid).setFlags(Set.of())
                .setEntries(List.of(tableEntry(factory, 0, 2, 100, 90), tableEntry(factory, 1, 0, 0, 0),
                        tableEntry(factory, 2, 0, 5, 0))).build()));

        assertThat(poll).isCompletedWithValue(new DeviceStats(DEVICE, NOW,
                List.of(port(1, 10), port(2, 20)),
                List.of(new FlowStats(RULE, 10, 980, Duration.ofSeconds(3, 5))),
                List.of(new TableStats(0, 2, 100, 90), new TableStats(2, 0, 5, 0)), 1));
        assertThat(sw.counters.get("stats.flows.inexpressible")).isEqualTo(1);
        assertThat(sw.counters.get("openflow.ignored.stats_reply")).isZero();
    }

    @Test
    void openFlow15FlowStatsAsOpenvSwitchSendsThem() {
        sw.activate(OFVersion.OF_15);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_15);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);
        long portsXid = xid(sw.written());
        long flowsXid = xid(sw.written());
        long tablesXid = xid(sw.written());

        sw.reply(OVS_FLOW_STATS_REPLY_15, flowsXid);
        sw.feed(bytes(factory.buildPortStatsReply().setXid(portsXid).setFlags(Set.of()).setEntries(List.of()).build()));
        sw.feed(bytes(factory.buildTableStatsReply().setXid(tablesXid).setFlags(Set.of()).setEntries(List.of())
                .build()));

        assertThat(sw.channel.isActive()).as("the reply parsed; the connection stays").isTrue();
        assertThat(poll).isCompletedWithValue(new DeviceStats(DEVICE, NOW, List.of(),
                List.of(new FlowStats(RULE, 7, 672, Duration.ofMillis(5500))), List.of(), 0));
        assertThat(sw.counters.get("stats.flows.counts_missing")).isZero();
    }

    @Test
    void openFlow15EntryWithoutCountsReadsZeroAndIsCounted() {
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_15);
        OFFlowStatsEntry entry = flowEntryWithoutCounts(factory);

        assertThat(StatsTranslator.flowStats(DEVICE, entry, sw.counters))
                .contains(new FlowStats(RULE, 0, 0, Duration.ZERO));
        assertThat(sw.counters.get("stats.flows.counts_missing")).isEqualTo(1);
    }

    @Test
    void aDeviceNotConnectedFailsAtOnce() {
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);

        assertThat(poll.handle((ok, error) -> error)).isCompletedWithValueMatching(
                DeviceNotConnectedException.class::isInstance);
        sw.expect(Handshakes.CONTROLLER_HELLO);
        sw.expectNothingWritten();
    }

    @Test
    void noReplyWithinTheTimeoutFailsThePoll() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);

        sw.advance(OpenFlowConfig.DEFAULTS.barrierTimeout().plus(Duration.ofMillis(1)));

        assertThat(poll.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                TimeoutException.class::isInstance);
        assertThat(sw.counters.get("openflow.stats.timeouts")).isEqualTo(3);
    }

    @Test
    void anErrorForThePortsOrFlowsFailsThePollAtOnce() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);
        long portsXid = xid(sw.written());
        sw.written();
        sw.written();

        sw.reply("04 01 00 0c xx xx xx xx 00 01 00 02", portsXid); // BAD_REQUEST / BAD_MULTIPART

        assertThat(poll.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                FlowOperationException.class::isInstance);
        assertThat(sw.counters.get("openflow.errors.unattributed")).isZero();
    }

    @Test
    void aSwitchThatRefusesTableStatisticsIsReportedWithoutTables() {
        sw.activate(OFVersion.OF_13);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);
        long portsXid = xid(sw.written());
        long flowsXid = xid(sw.written());
        long tablesXid = xid(sw.written());

        sw.reply("04 01 00 0c xx xx xx xx 00 01 00 02", tablesXid); // BAD_REQUEST / BAD_MULTIPART
        sw.feed(bytes(factory.buildPortStatsReply().setXid(portsXid).setFlags(Set.of())
                .setEntries(List.of(portEntry(factory, OFPort.of(1), 10))).build()));
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(flowsXid).setFlags(Set.of())
                .setEntries(List.of(flowEntry(factory, RULE, 1, 64))).build()));

        assertThat(poll).isCompletedWithValue(new DeviceStats(DEVICE, NOW, List.of(port(1, 10)),
                List.of(new FlowStats(RULE, 1, 64, Duration.ofSeconds(3, 5))), List.of(), 0));
        assertThat(sw.counters.get("stats.tables.refused")).isEqualTo(1);
    }

    @Test
    void aDisconnectFailsThePoll() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);

        sw.close();

        assertThat(poll.handle((ok, error) -> error.getCause())).isCompletedWithValueMatching(
                DeviceNotConnectedException.class::isInstance);
    }

    @Test
    void aPartOfAnotherStatisticsTypeIsLeftOutAndCounted() {
        sw.activate(OFVersion.OF_13);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
        CompletableFuture<DeviceStats> poll = stats.poll(DEVICE);
        long portsXid = xid(sw.written());
        long flowsXid = xid(sw.written());
        long tablesXid = xid(sw.written());

        // A table reply to the port request: the switch is confused, the poll is not.
        sw.feed(bytes(factory.buildTableStatsReply().setXid(portsXid).setFlags(Set.of()).setEntries(List.of(
                tableEntry(factory, 0, 1, 1, 1))).build()));
        sw.feed(bytes(factory.buildFlowStatsReply().setXid(flowsXid).setFlags(Set.of()).setEntries(List.of())
                .build()));
        sw.feed(bytes(factory.buildTableStatsReply().setXid(tablesXid).setFlags(Set.of()).setEntries(List.of())
                .build()));

        assertThat(poll).isCompletedWithValue(new DeviceStats(DEVICE, NOW, List.of(), List.of(), List.of(), 0));
        assertThat(sw.counters.get("stats.replies.wrong_type")).isEqualTo(1);
    }

    private static PortStats port(long number, long base) {
        return new PortStats(PortNumber.portNumber(number), base, base + 1, base + 2, base + 3, 0, base + 5,
                base + 6, base + 7);
    }

    /** Counters base, base + 1, ...; rx_dropped all ones, as a switch that does not keep it reports it. */
    private static OFPortStatsEntry portEntry(OFFactory factory, OFPort port, long base) {
        OFPortStatsEntry.Builder entry = factory.buildPortStatsEntry().setPortNo(port)
                .setRxPackets(U64.of(base)).setTxPackets(U64.of(base + 1))
                .setRxBytes(U64.of(base + 2)).setTxBytes(U64.of(base + 3))
                .setRxDropped(U64.NO_MASK).setTxDropped(U64.of(base + 5))
                .setRxErrors(U64.of(base + 6)).setTxErrors(U64.of(base + 7));
        if (factory.getVersion().compareTo(OFVersion.OF_14) < 0) {
            entry.setRxFrameErr(U64.ZERO).setRxOverErr(U64.ZERO).setRxCrcErr(U64.ZERO).setCollisions(U64.ZERO);
        } else {
            entry.setProperties(List.of());
        }
        return entry.build();
    }

    private static OFFlowStatsEntry flowEntry(OFFactory factory, FlowRule rule, long packets, long bytes) {
        OFFlowMod mod = OpenFlowTranslator.flowMod(factory, FlowOperation.add(rule));
        OFFlowStatsEntry.Builder entry = factory.buildFlowStatsEntry()
                .setCookie(mod.getCookie()).setPriority(mod.getPriority())
                .setIdleTimeout(mod.getIdleTimeout()).setHardTimeout(mod.getHardTimeout())
                .setMatch(mod.getMatch()).setPacketCount(U64.of(packets)).setByteCount(U64.of(bytes))
                .setDurationSec(3).setDurationNsec(5);
        if (factory.getVersion() == OFVersion.OF_10) {
            entry.setActions(mod.getActions());
        } else {
            entry.setTableId(mod.getTableId()).setInstructions(mod.getInstructions());
        }
        return entry.build();
    }

    private static OFFlowStatsEntry flowEntryWithoutCounts(OFFactory factory) {
        OFFlowMod mod = OpenFlowTranslator.flowMod(factory, FlowOperation.add(RULE));
        return factory.buildFlowStatsEntry().setCookie(mod.getCookie()).setPriority(mod.getPriority())
                .setMatch(mod.getMatch()).setTableId(mod.getTableId()).setInstructions(mod.getInstructions())
                .setStats(factory.buildStat().build()).build();
    }

    private static OFFlowStatsEntry ipv4Entry(OFFactory factory) {
        OFFlowStatsEntry.Builder entry = factory.buildFlowStatsEntry().setCookie(U64.of(RULE.cookie()))
                .setMatch(factory.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.1")).build())
                .setPacketCount(U64.of(1)).setByteCount(U64.of(1));
        if (factory.getVersion() == OFVersion.OF_10) {
            entry.setActions(List.of());
        } else {
            entry.setInstructions(List.of());
        }
        return entry.build();
    }

    private static OFTableStatsEntry tableEntry(OFFactory factory, int table, long active, long lookups,
                                                long matched) {
        OFTableStatsEntry.Builder entry = factory.buildTableStatsEntry().setTableId(TableId.of(table))
                .setActiveCount(active).setLookupCount(U64.of(lookups)).setMatchedCount(U64.of(matched));
        if (factory.getVersion() == OFVersion.OF_10) {
            entry.setName("table" + table).setMaxEntries(1_000_000);
        }
        return entry.build();
    }

    private static long xid(byte[] message) {
        return Unpooled.wrappedBuffer(message).getUnsignedInt(4);
    }

    private static byte[] bytes(OFMessage message) {
        ByteBuf buffer = Unpooled.buffer();
        message.writeTo(buffer);
        return ByteBufUtil.getBytes(buffer);
    }
}

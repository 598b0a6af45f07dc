package io.weft.southbound.openflow;

import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.PortStats;
import io.weft.southbound.stats.TableStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFTableStatsEntry;
import org.projectfloodlight.openflow.protocol.OFTableStatsReply;
import org.projectfloodlight.openflow.protocol.OFTableStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.stat.Stat;
import org.projectfloodlight.openflow.protocol.stat.StatField;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The statistics requests of one poll and their replies in the model's terms, per version:
 * up to 1.4 a flow entry carries its counters and age in fixed fields, 1.5 in an OXS list
 * that may leave any of them out.
 *
 * <p>Counters: {@code stats.flows.inexpressible} (rules the model cannot express, left out),
 * {@code stats.flows.counts_missing} (1.5 entries without a packet or byte count, read as 0),
 * {@code stats.replies.wrong_type} (a part of a reply of another statistics type, left out).
 */
final class StatsTranslator {
    /** All ones: what a switch reports for a counter it does not keep. */
    private static final long UNAVAILABLE = -1L;

    private StatsTranslator() {
    }

    /** Every port; {@link OFPort#ANY} is written as OFPP_NONE on 1.0, which asks for all there. */
    static OFPortStatsRequest portStatsRequest(OFFactory factory) {
        return factory.buildPortStatsRequest().setPortNo(OFPort.ANY).build();
    }

    /** Every rule of every table, whatever its cookie or output. */
    static OFFlowStatsRequest flowStatsRequest(OFFactory factory) {
        OFFlowStatsRequest.Builder request = factory.buildFlowStatsRequest()
                .setMatch(factory.buildMatch().build())
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY);
        if (factory.getVersion() != OFVersion.OF_10) {
            request.setOutGroup(OFGroup.ANY).setCookie(U64.ZERO).setCookieMask(U64.ZERO);
        }
        return request.build();
    }

    static OFTableStatsRequest tableStatsRequest(OFFactory factory) {
        return factory.buildTableStatsRequest().build();
    }

    static DeviceStats deviceStats(DeviceId device, Instant polledAt, List<OFStatsReply> ports,
                                   List<OFStatsReply> flows, List<OFStatsReply> tables, Counters counters) {
        List<FlowStats> flowStats = new ArrayList<>();
        int inexpressible = 0;
        for (OFFlowStatsReply reply : parts(flows, OFFlowStatsReply.class, counters)) {
            for (OFFlowStatsEntry entry : reply.getEntries()) {
                Optional<FlowStats> flow = flowStats(device, entry, counters);
                if (flow.isPresent()) {
                    flowStats.add(flow.get());
                } else {
                    inexpressible++;
                }
            }
        }
        if (inexpressible > 0) {
            counters.add("stats.flows.inexpressible", inexpressible);
        }
        return new DeviceStats(device, polledAt, portStats(parts(ports, OFPortStatsReply.class, counters)), flowStats,
                tableStats(parts(tables, OFTableStatsReply.class, counters)), inexpressible);
    }

    /** The parts of a reply of the type asked for; a part of another type (a confused switch) is left out, counted. */
    private static <T extends OFStatsReply> List<T> parts(List<OFStatsReply> replies, Class<T> type, Counters counters) {
        List<T> parts = new ArrayList<>(replies.size());
        for (OFStatsReply reply : replies) {
            if (type.isInstance(reply)) {
                parts.add(type.cast(reply));
            } else {
                counters.increment("stats.replies.wrong_type");
            }
        }
        return parts;
    }

    private static List<PortStats> portStats(List<OFPortStatsReply> replies) {
        List<PortStats> ports = new ArrayList<>();
        for (OFPortStatsReply reply : replies) {
            for (OFPortStatsEntry entry : reply.getEntries()) {
                long number = entry.getPortNo().getPortNumber() & 0xffffffffL;
                boolean reserved = number >= 0xffffff00L || entry.getVersion() == OFVersion.OF_10 && number >= 0xff00;
                if (reserved || number == 0) {
                    continue;
                }
                ports.add(new PortStats(OpenFlowTranslator.portNumber(entry.getPortNo()),
                        count(entry.getRxPackets()), count(entry.getTxPackets()),
                        count(entry.getRxBytes()), count(entry.getTxBytes()),
                        count(entry.getRxDropped()), count(entry.getTxDropped()),
                        count(entry.getRxErrors()), count(entry.getTxErrors())));
            }
        }
        return ports;
    }

    static Optional<FlowStats> flowStats(DeviceId device, OFFlowStatsEntry entry, Counters counters) {
        Optional<FlowRule> rule = OpenFlowTranslator.flowRule(device, entry);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        if (entry.getVersion().compareTo(OFVersion.OF_15) < 0) {
            return Optional.of(new FlowStats(rule.get(), count(entry.getPacketCount()), count(entry.getByteCount()),
                    Duration.ofSeconds(entry.getDurationSec(), entry.getDurationNsec())));
        }
        Stat stats = entry.getStats();
        U64 packets = stats == null ? null : stats.get(StatField.PACKET_COUNT);
        U64 bytes = stats == null ? null : stats.get(StatField.BYTE_COUNT);
        U64 duration = stats == null ? null : stats.get(StatField.DURATION);
        if (packets == null || bytes == null) {
            counters.increment("stats.flows.counts_missing");
        }
        // An OXS duration is seconds in the high 32 bits and nanoseconds in the low 32.
        Duration age = duration == null ? Duration.ZERO
                : Duration.ofSeconds(duration.getValue() >>> 32, duration.getValue() & 0xffffffffL);
        return Optional.of(new FlowStats(rule.get(), count(packets), count(bytes), age));
    }

    private static List<TableStats> tableStats(List<OFTableStatsReply> replies) {
        List<TableStats> tables = new ArrayList<>();
        for (OFTableStatsReply reply : replies) {
            for (OFTableStatsEntry entry : reply.getEntries()) {
                long lookups = count(entry.getLookupCount());
                if (entry.getActiveCount() == 0 && lookups == 0) {
                    continue;
                }
                tables.add(new TableStats(entry.getTableId().getValue(), entry.getActiveCount(), lookups,
                        count(entry.getMatchedCount())));
            }
        }
        return tables;
    }

    /** A counter as the model holds it: one the switch does not keep (all ones, or absent) is 0. */
    private static long count(U64 value) {
        return value == null || value.getValue() == UNAVAILABLE ? 0 : value.getValue();
    }
}

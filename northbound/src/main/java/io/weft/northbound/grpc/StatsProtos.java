package io.weft.northbound.grpc;

import com.google.protobuf.Timestamp;
import io.weft.northbound.grpc.v1.DeviceStats;
import io.weft.northbound.grpc.v1.NetworkStats;
import io.weft.northbound.grpc.v1.PhysicalPort;
import io.weft.northbound.grpc.v1.PortStats;
import io.weft.northbound.grpc.v1.TableStats;
import io.weft.northbound.grpc.v1.Traffic;
import io.weft.northbound.grpc.v1.VirtualPortStats;
import io.weft.northbound.service.DeviceStatsView;
import io.weft.northbound.service.NetworkStatsView;
import io.weft.northbound.service.PortTrafficView;
import java.time.Instant;

/** The messages of statistics: a device's, and a virtual network's edge traffic. */
final class StatsProtos {
    private StatsProtos() {
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    static DeviceStats device(DeviceStatsView stats) {
        DeviceStats.Builder message = DeviceStats.newBuilder().setDevice(stats.device().toString())
                .setPolled(stats.polled()).setMessage(stats.notPolled().orElse(""))
                .addAllPorts(stats.ports().stream().map(StatsProtos::port).toList())
                .addAllTables(stats.tables().stream().map(StatsProtos::table).toList())
                .setFlowCount(stats.flowCount()).setInexpressibleFlows(stats.inexpressibleFlows());
        stats.polledAt().ifPresent(at -> message.setPolledAt(timestamp(at)));
        return message.build();
    }

    private static PortStats port(io.weft.southbound.stats.PortStats port) {
        return PortStats.newBuilder().setPort((int) port.port().toLong())
                .setRxPackets(port.rxPackets()).setTxPackets(port.txPackets())
                .setRxBytes(port.rxBytes()).setTxBytes(port.txBytes())
                .setRxDropped(port.rxDropped()).setTxDropped(port.txDropped())
                .setRxErrors(port.rxErrors()).setTxErrors(port.txErrors()).build();
    }

    private static TableStats table(io.weft.southbound.stats.TableStats table) {
        return TableStats.newBuilder().setTable(table.table()).setActiveEntries(table.activeEntries())
                .setLookups(table.lookups()).setMatches(table.matches()).build();
    }

    static NetworkStats network(NetworkStatsView stats) {
        return NetworkStats.newBuilder().setNetwork(stats.network().name()).setSent(traffic(stats.sent()))
                .setReceived(traffic(stats.received()))
                .addAllPorts(stats.ports().stream().map(StatsProtos::port).toList()).build();
    }

    private static VirtualPortStats port(PortTrafficView port) {
        VirtualPortStats.Builder message = VirtualPortStats.newBuilder().setId(Protos.portId(port.port()))
                .setAttachment(port.attachment()).setPolled(port.polledAt().isPresent())
                .setSent(traffic(port.sent())).setReceived(traffic(port.received()));
        port.physical().ifPresent(place -> {
            PhysicalPort.Builder physical = PhysicalPort.newBuilder().setPoint(Protos.connectPoint(place.point()));
            place.vlan().ifPresent(vlan -> physical.setVlan(vlan.toShort()));
            message.setPhysical(physical);
        });
        port.polledAt().ifPresent(at -> message.setPolledAt(timestamp(at)));
        return message.build();
    }

    private static Traffic traffic(io.weft.topology.virtual.Traffic traffic) {
        return Traffic.newBuilder().setPackets(traffic.packets()).setBytes(traffic.bytes()).build();
    }
}

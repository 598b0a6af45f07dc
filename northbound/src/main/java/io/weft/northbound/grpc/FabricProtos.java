package io.weft.northbound.grpc;

import io.weft.northbound.grpc.v1.Device;
import io.weft.northbound.grpc.v1.FlowAction;
import io.weft.northbound.grpc.v1.FlowEntry;
import io.weft.northbound.grpc.v1.FlowMatch;
import io.weft.northbound.grpc.v1.FlowState;
import io.weft.northbound.grpc.v1.Host;
import io.weft.northbound.grpc.v1.Path;
import io.weft.northbound.grpc.v1.Port;
import io.weft.northbound.service.FlowView;
import io.weft.northbound.service.PathView;
import io.weft.northbound.service.PortNames;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceDescription;
import org.onlab.packet.VlanId;

/** The messages of the physical fabric and its flow rules. */
final class FabricProtos {
    private FabricProtos() {
    }

    static Device device(io.weft.topology.device.Device device) {
        DeviceDescription d = device.description();
        return Device.newBuilder().setId(device.id().toString()).setAvailable(device.available())
                .setProtocol(d.protocol()).setManufacturer(d.manufacturer()).setHardware(d.hardware())
                .setSoftware(d.software()).setSerial(d.serial())
                .addAllPorts(device.ports().stream().map(FabricProtos::port).toList()).build();
    }

    static Port port(io.weft.topology.device.Port port) {
        return Port.newBuilder().setNumber((int) port.number().toLong()).setName(port.name()).setUp(port.up())
                .setMac(port.mac().toString()).setSpeedMbps(port.speedMbps()).build();
    }

    static Host host(io.weft.topology.host.Host host) {
        Host.Builder message = Host.newBuilder().setMac(host.key().mac().toString())
                .addAllIps(host.ips().stream().map(Object::toString).toList())
                .setLocation(Protos.connectPoint(host.location()))
                .setLastSeen(StatsProtos.timestamp(host.lastSeen()));
        VlanId vlan = host.key().vlan();
        if (!vlan.equals(VlanId.NONE)) {
            message.setVlan(vlan.toShort());
        }
        return message.build();
    }

    static Path path(PathView path) {
        Path.Builder message = Path.newBuilder().setSrc(path.src()).setDst(path.dst()).setCost(path.path().cost())
                .addAllLinks(path.path().links().stream().map(Protos::link).toList());
        path.srcEdge().ifPresent(edge -> message.setSrcEdge(Protos.connectPoint(edge)));
        path.dstEdge().ifPresent(edge -> message.setDstEdge(Protos.connectPoint(edge)));
        return message.build();
    }

    static FlowEntry flow(FlowView flow) {
        io.weft.southbound.api.FlowEntry entry = flow.entry();
        FlowRule rule = entry.rule();
        FlowEntry.Builder message = FlowEntry.newBuilder().setTable(rule.table()).setPriority(rule.priority())
                .setMatch(match(rule.match()))
                .addAllActions(rule.actions().stream().map(FabricProtos::action).toList())
                .setCookie(rule.cookie()).setIdleTimeout(rule.idleTimeout()).setHardTimeout(rule.hardTimeout())
                .setState(switch (entry.state()) {
                    case PENDING -> FlowState.FLOW_STATE_PENDING;
                    case INSTALLED -> FlowState.FLOW_STATE_INSTALLED;
                    case FAILED -> FlowState.FLOW_STATE_FAILED;
                })
                .setAppId(entry.appId()).setApp(flow.app()).setError(entry.error().orElse(""))
                .setAttempts(entry.attempts()).setGaveUp(entry.gaveUp());
        entry.nextRetry().ifPresent(next -> message.setNextRetry(StatsProtos.timestamp(next)));
        flow.counted().ifPresent(counted -> message.setPackets(counted.packets()).setBytes(counted.bytes()));
        return message.build();
    }

    private static FlowMatch match(TrafficMatch match) {
        FlowMatch.Builder message = FlowMatch.newBuilder();
        match.inPort().ifPresent(p -> message.setInPort((int) p.toLong()));
        match.ethSrc().ifPresent(mac -> message.setEthSrc(mac.toString()));
        match.ethDst().ifPresent(mac -> message.setEthDst(mac.toString()));
        match.ethType().ifPresent(message::setEthType);
        match.vlan().ifPresent(vlan -> {
            if (vlan.equals(VlanId.NONE)) {
                message.setUntagged(true);
            } else {
                message.setVlanId(vlan.toShort());
            }
        });
        return message.build();
    }

    private static FlowAction action(Action action) {
        FlowAction.Builder message = FlowAction.newBuilder();
        switch (action) {
            case Action.Output output -> message.setOutput(FlowAction.Output.newBuilder()
                    .setPort(output.port().toLong()).setName(PortNames.of(output.port())));
            case Action.PushVlan push -> message.setPushVlan(push.vlan().toShort());
            case Action.SetVlan set -> message.setSetVlan(set.vlan().toShort());
            case Action.PopVlan pop -> message.setPopVlan(FlowAction.PopVlan.getDefaultInstance());
        }
        return message.build();
    }
}

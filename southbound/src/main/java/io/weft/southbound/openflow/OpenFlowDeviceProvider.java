package io.weft.southbound.openflow;

import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceProviderService;
import io.weft.topology.event.EventDispatcher;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;

/**
 * Routes what switch connections report: devices and ports to the topology, packet-ins to
 * the packet service, flow removals to the event dispatcher, the handshake's table-miss rule to
 * the flow table.
 */
final class OpenFlowDeviceProvider implements SwitchEvents {
    private final DeviceProviderService devices;
    private final OpenFlowPacketService packets;
    private final OpenFlowFlowRuleService flowRules;
    private final EventDispatcher dispatcher;

    OpenFlowDeviceProvider(DeviceProviderService devices, OpenFlowPacketService packets,
                           OpenFlowFlowRuleService flowRules, EventDispatcher dispatcher) {
        this.devices = devices;
        this.packets = packets;
        this.flowRules = flowRules;
        this.dispatcher = dispatcher;
    }

    @Override
    public void switchActivated(SwitchSession session, OFDescStatsReply description, List<OFPortDesc> ports) {
        if (session.factory().getVersion().compareTo(OFVersion.OF_13) >= 0) {
            // The handshake's barrier confirmed it before the switch became active.
            flowRules.confirmedInHandshake(SwitchChannelHandler.tableMiss(session.deviceId()));
        }
        devices.deviceConnected(session.deviceId(), new DeviceDescription(description.getMfrDesc(),
                description.getHwDesc(), description.getSwDesc(), description.getSerialNum(),
                protocol(session.factory().getVersion())), OpenFlowTranslator.ports(ports));
    }

    @Override
    public void switchDisconnected(SwitchSession session) {
        devices.deviceDisconnected(session.deviceId());
    }

    @Override
    public void packetIn(SwitchSession session, PacketIn packetIn) {
        packets.packetIn(session, packetIn);
    }

    @Override
    public void portStatus(SwitchSession session, OFPortStatus status) {
        OFPortDesc desc = status.getDesc();
        if (status.getReason() == OFPortReason.DELETE) {
            devices.portRemoved(session.deviceId(), OpenFlowTranslator.portNumber(desc.getPortNo()));
        } else {
            OpenFlowTranslator.port(desc).ifPresent(port -> devices.portUpdated(session.deviceId(), port));
        }
    }

    @Override
    public void flowRemoved(SwitchSession session, OFFlowRemoved removed) {
        dispatcher.post(new FlowRemovedEvent(session.deviceId(), removed.getCookie().getValue(),
                removed.getPriority(), OpenFlowTranslator.trafficMatch(removed.getMatch()), reason(removed.getReason()),
                removed.getVersion().compareTo(OFVersion.OF_15) >= 0 ? 0 : removed.getPacketCount().getValue(),
                removed.getVersion().compareTo(OFVersion.OF_15) >= 0 ? 0 : removed.getByteCount().getValue()));
    }

    private static FlowRemovedEvent.Reason reason(OFFlowRemovedReason reason) {
        return switch (reason) {
            case IDLE_TIMEOUT -> FlowRemovedEvent.Reason.IDLE_TIMEOUT;
            case HARD_TIMEOUT -> FlowRemovedEvent.Reason.HARD_TIMEOUT;
            case DELETE -> FlowRemovedEvent.Reason.DELETED;
            default -> FlowRemovedEvent.Reason.OTHER;
        };
    }

    static String protocol(OFVersion version) {
        return version.name();
    }
}

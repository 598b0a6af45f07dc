package io.weft.southbound.openflow;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/** A {@link SwitchEvents} that remembers what it was told, for tests on one event loop. */
final class RecordingSwitchEvents implements SwitchEvents {
    record Activation(SwitchSession session, OFDescStatsReply description, List<OFPortDesc> ports) {
    }

    final List<Activation> activated = new ArrayList<>();
    final List<SwitchSession> disconnected = new ArrayList<>();
    final List<PacketIn> packetIns = new ArrayList<>();
    final List<OFPortStatus> portStatuses = new ArrayList<>();
    final List<OFFlowRemoved> flowsRemoved = new ArrayList<>();

    @Override
    public void switchActivated(SwitchSession session, OFDescStatsReply description, List<OFPortDesc> ports) {
        activated.add(new Activation(session, description, ports));
    }

    @Override
    public void switchDisconnected(SwitchSession session) {
        disconnected.add(session);
    }

    @Override
    public void packetIn(SwitchSession session, PacketIn packetIn) {
        packetIns.add(packetIn);
    }

    @Override
    public void portStatus(SwitchSession session, OFPortStatus status) {
        portStatuses.add(status);
    }

    @Override
    public void flowRemoved(SwitchSession session, OFFlowRemoved removed) {
        flowsRemoved.add(removed);
    }
}

package io.weft.southbound.openflow;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * What switch connections report to the rest of the southbound. Called on the connection's
 * event loop: implementations hand slow work to other threads.
 */
interface SwitchEvents {
    void switchActivated(SwitchSession session, OFDescStatsReply description, List<OFPortDesc> ports);

    void switchDisconnected(SwitchSession session);

    void packetIn(SwitchSession session, PacketIn packetIn);

    void portStatus(SwitchSession session, OFPortStatus status);

    void flowRemoved(SwitchSession session, OFFlowRemoved removed);
}

package io.weft.bench.fabric;

import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** The packet-ins an emulated fabric's switch sends: whole packets, never buffered, as Open vSwitch sends them. */
final class PacketIns {
    private PacketIns() {
    }

    /**
     * @param byRule true for a packet a rule sent to the controller (reason ACTION, as discovery's
     *               LLDP rule does), false for one that matched no rule (NO_MATCH)
     */
    static OFMessage packetIn(OFVersion version, int inPort, byte[] data, boolean byRule) {
        OFFactory f = OFFactories.getFactory(version);
        var builder = f.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(data.length)
                .setReason(byRule ? OFPacketInReason.ACTION : OFPacketInReason.NO_MATCH).setData(data);
        if (version == OFVersion.OF_10) {
            return builder.setInPort(OFPort.of(inPort)).build();
        }
        return builder.setTableId(TableId.of(0)).setCookie(U64.ZERO)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build()).build();
    }
}

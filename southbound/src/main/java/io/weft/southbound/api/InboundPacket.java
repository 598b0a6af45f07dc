package io.weft.southbound.api;

import io.weft.topology.link.ConnectPoint;
import java.util.Objects;
import java.util.OptionalInt;
import org.onlab.packet.Ethernet;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * A packet a switch sent to the controller.
 *
 * @param parsed   the decoded frame; shared by every processor, so never modify it
 * @param bufferId where the switch kept the packet, if it buffered it
 */
public record InboundPacket(DeviceId device, PortNumber inPort, Ethernet parsed, byte[] data,
                            OptionalInt bufferId) {
    public InboundPacket {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(inPort, "inPort");
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(bufferId, "bufferId");
    }

    /** The port the packet came in on. */
    public ConnectPoint receivedAt() {
        return new ConnectPoint(device, inPort);
    }

    /** The frame's VLAN; {@link VlanId#NONE} when untagged or priority-tagged (VLAN 0). */
    public VlanId vlan() {
        short vid = parsed.getVlanID();
        return vid == Ethernet.VLAN_UNTAGGED || vid == 0 ? VlanId.NONE : VlanId.vlanId(vid);
    }
}

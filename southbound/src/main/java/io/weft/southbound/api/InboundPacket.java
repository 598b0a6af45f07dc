package io.weft.southbound.api;

import java.util.Objects;
import java.util.OptionalInt;
import org.onlab.packet.Ethernet;
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
}

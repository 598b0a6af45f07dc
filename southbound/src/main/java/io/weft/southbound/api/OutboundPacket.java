package io.weft.southbound.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * A packet for a switch to send. Either {@code bufferId} names a packet the switch kept,
 * or {@code data} carries the whole frame.
 *
 * @param inPort the port the packet counts as having arrived on ({@link PortNumber#CONTROLLER} if none)
 */
public record OutboundPacket(DeviceId device, PortNumber inPort, List<Action> actions, byte[] data,
                             OptionalInt bufferId) {
    public OutboundPacket {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(inPort, "inPort");
        actions = List.copyOf(actions);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(bufferId, "bufferId");
    }

    /** Sends on the packet that came in, from the switch's buffer if it kept it. */
    public static OutboundPacket replying(InboundPacket in, List<Action> actions) {
        return new OutboundPacket(in.device(), in.inPort(), actions,
                in.bufferId().isPresent() ? new byte[0] : in.data(), in.bufferId());
    }
}

package io.weft.topology.link;

import java.util.Objects;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** A port of a device: where a link ends or a host attaches. */
public record ConnectPoint(DeviceId device, PortNumber port) {
    public ConnectPoint {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(port, "port");
    }

    @Override
    public String toString() {
        return device + "/" + port.toLong();
    }
}

package io.weft.topology.device;

import java.util.List;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** How a southbound provider tells the model what it sees on the network. */
public interface DeviceProviderService {
    void deviceConnected(DeviceId id, DeviceDescription description, List<Port> ports);

    void deviceDisconnected(DeviceId id);

    /** A port appeared or changed. */
    void portUpdated(DeviceId id, Port port);

    void portRemoved(DeviceId id, PortNumber number);
}

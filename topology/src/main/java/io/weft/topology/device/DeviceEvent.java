package io.weft.topology.device;

import io.weft.topology.event.Event;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a device or one of its ports.
 *
 * @param device the device after the change
 * @param port   the port concerned, for port events; after the change (or as it was, when removed)
 */
public record DeviceEvent(Type type, Device device, Optional<Port> port) implements Event {
    public enum Type { DEVICE_CONNECTED, DEVICE_DISCONNECTED, PORT_ADDED, PORT_UPDATED, PORT_REMOVED }

    public DeviceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(port, "port");
    }

    @Override
    public Object subject() {
        return device.id();
    }
}

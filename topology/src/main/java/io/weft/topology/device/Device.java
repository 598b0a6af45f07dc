package io.weft.topology.device;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * A switch: its id ({@code of:} and 16 hex digits of its datapath id), what it says about
 * itself, whether it is connected, and its ports sorted by number.
 */
public record Device(DeviceId id, DeviceDescription description, boolean available, List<Port> ports) {
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        ports = ports.stream().sorted(Comparator.comparingLong(p -> p.number().toLong())).toList();
    }

    public Optional<Port> port(PortNumber number) {
        // A loop, not a stream: host learning asks this for every packet-in.
        for (Port port : ports) {
            if (port.number().equals(number)) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    /** This device with {@code port} added or replacing the port of the same number. */
    public Device withPort(Port port) {
        List<Port> updated = new java.util.ArrayList<>(ports.stream()
                .filter(p -> !p.number().equals(port.number())).toList());
        updated.add(port);
        return new Device(id, description, available, updated);
    }

    public Device withoutPort(PortNumber number) {
        return new Device(id, description, available,
                ports.stream().filter(p -> !p.number().equals(number)).toList());
    }

    public Device withAvailable(boolean isAvailable) {
        return new Device(id, description, isAvailable, ports);
    }
}

package io.weft.topology.device;

import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.Optional;
import org.onosproject.net.DeviceId;

/** Reads the devices Weft knows, connected or not. */
public interface DeviceService {
    List<Device> devices();

    Optional<Device> device(DeviceId id);

    void addListener(EventListener<DeviceEvent> listener);
}

package io.weft.topology.device;

import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Keeps the devices the southbound reports, in memory (devices are derived state, rebuilt
 * from the switches after a restart), and posts a {@link DeviceEvent} for every change.
 */
public final class DeviceManager implements DeviceService, DeviceProviderService {
    private final Map<DeviceId, Device> devices = new ConcurrentHashMap<>();
    private final EventDispatcher dispatcher;

    public DeviceManager(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public List<Device> devices() {
        return devices.values().stream().sorted(Comparator.comparing(d -> d.id().toString())).toList();
    }

    @Override
    public Optional<Device> device(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public void addListener(EventListener<DeviceEvent> listener) {
        dispatcher.addListener(DeviceEvent.class, listener);
    }

    @Override
    public void deviceConnected(DeviceId id, DeviceDescription description, List<Port> ports) {
        Device device = new Device(id, description, true, ports);
        devices.put(id, device);
        dispatcher.post(new DeviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, device, Optional.empty()));
    }

    @Override
    public void deviceDisconnected(DeviceId id) {
        Device device = devices.computeIfPresent(id, (k, d) -> d.withAvailable(false));
        if (device != null) {
            dispatcher.post(new DeviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, device, Optional.empty()));
        }
    }

    @Override
    public void portUpdated(DeviceId id, Port port) {
        boolean[] existed = new boolean[1];
        Device device = devices.computeIfPresent(id, (k, d) -> {
            existed[0] = d.port(port.number()).isPresent();
            return d.withPort(port);
        });
        if (device != null) {
            DeviceEvent.Type type = existed[0] ? DeviceEvent.Type.PORT_UPDATED : DeviceEvent.Type.PORT_ADDED;
            dispatcher.post(new DeviceEvent(type, device, Optional.of(port)));
        }
    }

    @Override
    public void portRemoved(DeviceId id, PortNumber number) {
        Device before = devices.get(id);
        Optional<Port> port = before == null ? Optional.empty() : before.port(number);
        Device device = devices.computeIfPresent(id, (k, d) -> d.withoutPort(number));
        if (device != null && port.isPresent()) {
            dispatcher.post(new DeviceEvent(DeviceEvent.Type.PORT_REMOVED, device, port));
        }
    }
}

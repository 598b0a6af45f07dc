package io.weft.apps.forwarding;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** Where each switch last saw each source MAC address; bounded per switch. */
final class MacTable {
    private final Map<DeviceId, Map<MacAddress, PortNumber>> tables = new ConcurrentHashMap<>();
    private final int maxPerDevice;

    MacTable(int maxPerDevice) {
        this.maxPerDevice = maxPerDevice;
    }

    /** Records {@code mac} at {@code port}; false if the switch's table is full and the MAC is new. */
    boolean learn(DeviceId device, MacAddress mac, PortNumber port) {
        Map<MacAddress, PortNumber> table = tables.computeIfAbsent(device, d -> new ConcurrentHashMap<>());
        if (table.size() >= maxPerDevice && !table.containsKey(mac)) {
            return false;
        }
        table.put(mac, port);
        return true;
    }

    Optional<PortNumber> lookup(DeviceId device, MacAddress mac) {
        Map<MacAddress, PortNumber> table = tables.get(device);
        return table == null ? Optional.empty() : Optional.ofNullable(table.get(mac));
    }

    void forget(DeviceId device) {
        tables.remove(device);
    }

    void forgetPort(DeviceId device, PortNumber port) {
        Map<MacAddress, PortNumber> table = tables.get(device);
        if (table != null) {
            table.values().removeIf(port::equals);
        }
    }
}

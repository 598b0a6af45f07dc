package io.weft.bench.fabric;

import io.weft.topology.device.DeviceIds;
import org.onosproject.net.DeviceId;

/**
 * A port of an emulated switch: the switch's place in the fleet (datapath id index + 1, as
 * {@link io.weft.bench.ofswitch.SwitchProfile#of} numbers them) and the port number.
 */
public record Endpoint(int switchIndex, int port) {
    public Endpoint {
        if (switchIndex < 0) {
            throw new IllegalArgumentException("switch index must not be negative, was " + switchIndex);
        }
        if (port < 1) {
            throw new IllegalArgumentException("port numbers start at 1, was " + port);
        }
    }

    public DeviceId deviceId() {
        return DeviceIds.fromDatapathId(switchIndex + 1L);
    }

    @Override
    public String toString() {
        return "s" + (switchIndex + 1) + "-eth" + port;
    }
}

package io.weft.southbound.api;

import org.onosproject.net.DeviceId;

/** The device was not connected, or its connection closed before it confirmed. */
public final class DeviceNotConnectedException extends RuntimeException {
    public DeviceNotConnectedException(DeviceId device) {
        super(device + " is not connected");
    }
}

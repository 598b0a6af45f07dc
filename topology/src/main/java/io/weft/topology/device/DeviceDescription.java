package io.weft.topology.device;

import java.util.Objects;

/**
 * What a switch says about itself in its handshake.
 *
 * @param protocol the negotiated protocol and version, e.g. {@code OF_13}
 */
public record DeviceDescription(String manufacturer, String hardware, String software,
                                String serial, String protocol) {
    public DeviceDescription {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(protocol, "protocol");
    }
}

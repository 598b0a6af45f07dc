package io.weft.topology.device;

import java.util.Objects;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/**
 * A port of a device.
 *
 * @param number    the port number on its device
 * @param name      the switch's name for it, e.g. {@code s1-eth1}
 * @param mac       its hardware address
 * @param up        true when the link is up and the port is not administratively down
 * @param speedMbps current speed in megabits per second, 0 when unknown
 */
public record Port(PortNumber number, String name, MacAddress mac, boolean up, long speedMbps) {
    public Port {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
    }
}

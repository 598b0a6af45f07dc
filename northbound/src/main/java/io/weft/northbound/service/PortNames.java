package io.weft.northbound.service;

import java.util.Map;
import org.onosproject.net.PortNumber;

/** How a port is written in a flow rule's actions: reserved ports by name, as ovs-ofctl shows them. */
public final class PortNames {
    private static final Map<PortNumber, String> RESERVED = Map.of(PortNumber.FLOOD, "FLOOD",
            PortNumber.CONTROLLER, "CONTROLLER", PortNumber.IN_PORT, "IN_PORT", PortNumber.ALL, "ALL",
            PortNumber.LOCAL, "LOCAL", PortNumber.NORMAL, "NORMAL", PortNumber.TABLE, "TABLE",
            PortNumber.ANY, "ANY");

    private PortNames() {
    }

    /** {@code FLOOD}, {@code CONTROLLER}, ... or the number, e.g. {@code 3}. */
    public static String of(PortNumber port) {
        return RESERVED.getOrDefault(port, Long.toString(port.toLong()));
    }
}

package io.weft.topology.path;

import io.weft.topology.link.ConnectPoint;

/**
 * Ports that belong to something other than default forwarding (tenants' attachments): they
 * are never edge ports, so no host is learned there by default host learning and no default
 * flood or proxy-ARP answer leaves through them. Only the app that owns them acts on them.
 */
@FunctionalInterface
public interface ReservedPorts {
    /** Nothing is reserved. */
    ReservedPorts NONE = point -> false;

    boolean isReserved(ConnectPoint point);
}

package io.weft.northbound.service;

import io.weft.topology.link.ConnectPoint;
import java.util.Objects;
import java.util.Optional;
import org.onlab.packet.VlanId;

/**
 * An attachment as the caller may see it.
 *
 * @param point   the physical port: the admin's only, empty for a tenant
 * @param vlan    the tenant's VLAN on the port; empty for the whole port
 * @param boundTo the virtual port that uses it, if one does
 */
public record AttachmentView(String id, Optional<ConnectPoint> point, Optional<VlanId> vlan,
                             Optional<BoundPort> boundTo) {
    public AttachmentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(vlan, "vlan");
        Objects.requireNonNull(boundTo, "boundTo");
    }
}

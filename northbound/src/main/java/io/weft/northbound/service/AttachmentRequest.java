package io.weft.northbound.service;

import io.weft.topology.link.ConnectPoint;
import java.util.Objects;
import java.util.Optional;
import org.onlab.packet.VlanId;

/** A grant of a physical port to a tenant, or of a VLAN on it. */
public record AttachmentRequest(ConnectPoint point, Optional<VlanId> vlan) {
    public AttachmentRequest {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(vlan, "vlan");
    }
}

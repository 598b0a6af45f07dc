package io.weft.northbound.service;

import io.weft.topology.link.ConnectPoint;
import java.util.Objects;
import java.util.Optional;
import org.onlab.packet.VlanId;

/** Where an edge port is on the fabric: a switch port and, when the attachment has one, its VLAN. */
public record PhysicalPort(ConnectPoint point, Optional<VlanId> vlan) {
    public PhysicalPort {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(vlan, "vlan");
    }
}

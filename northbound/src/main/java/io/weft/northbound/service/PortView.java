package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualPortId;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual port as the caller may see it.
 *
 * @param attachment the attachment it is bound to; empty for an internal port
 * @param physical   where that attachment is on the fabric: the admin's only
 */
public record PortView(VirtualPortId id, Optional<String> attachment, Optional<PhysicalPort> physical) {
    public PortView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(physical, "physical");
    }
}

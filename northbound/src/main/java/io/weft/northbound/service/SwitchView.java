package io.weft.northbound.service;

import java.util.List;
import java.util.Objects;

/** A virtual switch and its ports. */
public record SwitchView(String id, List<PortView> ports) {
    public SwitchView {
        Objects.requireNonNull(id, "id");
        ports = List.copyOf(ports);
    }
}

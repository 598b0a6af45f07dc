package io.weft.northbound.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flow rules Weft believes a device holds, counted from one poll of the device.
 *
 * @param polledAt when that poll was; empty when the device has not been polled, and then no
 *                 flow is counted
 */
public record FlowTableView(List<FlowView> flows, Optional<Instant> polledAt) {
    public FlowTableView {
        flows = List.copyOf(flows);
        Objects.requireNonNull(polledAt, "polledAt");
    }
}

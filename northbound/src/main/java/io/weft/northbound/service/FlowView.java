package io.weft.northbound.service;

import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.stats.FlowStats;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow rule Weft believes is on a device, with its state and the app that owns it.
 *
 * @param app     the owning app's name, from the rule's cookie: {@code none} for a rule with no
 *                Weft cookie, {@code unknown} for an app this controller does not run
 * @param counted its packets and bytes, where the device's latest poll found the rule exactly as
 *                Weft believes it; empty otherwise (not polled, or changed or gone on the device)
 */
public record FlowView(FlowEntry entry, String app, Optional<FlowStats> counted) {
    public FlowView {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(counted, "counted");
    }
}

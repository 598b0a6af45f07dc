package io.weft.northbound.service;

import io.weft.southbound.api.FlowEntry;
import java.util.Objects;

/**
 * A flow rule Weft believes is on a device, with its state and the app that owns it.
 *
 * @param app the owning app's name, from the rule's cookie: {@code none} for a rule with no
 *            Weft cookie, {@code unknown} for an app this controller does not run
 */
public record FlowView(FlowEntry entry, String app) {
    public FlowView {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(app, "app");
    }
}

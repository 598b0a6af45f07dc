package io.weft.northbound.service;

import io.weft.topology.virtual.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * A tenant: how many bearer tokens it holds (never the tokens), its attachments' ids and its
 * networks' names.
 */
public record TenantView(TenantId id, int tokens, List<String> attachments, List<String> networks) {
    public TenantView {
        Objects.requireNonNull(id, "id");
        attachments = List.copyOf(attachments);
        networks = List.copyOf(networks);
    }
}

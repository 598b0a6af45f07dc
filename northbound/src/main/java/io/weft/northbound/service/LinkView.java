package io.weft.northbound.service;

import io.weft.topology.link.Link;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.VirtualPortId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual link as the caller may see it.
 *
 * @param id    its ends, {@code vs1:3-vs2:1}
 * @param state whether the fabric carries it now, as the virtual-network compiler says
 * @param path  the physical links that carry it: the admin's only (empty list unless up)
 */
public record LinkView(String id, VirtualPortId src, VirtualPortId dst, LinkRealization.State state,
                       Optional<List<Link>> path) {
    public LinkView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(state, "state");
        path = path.map(List::copyOf);
    }
}

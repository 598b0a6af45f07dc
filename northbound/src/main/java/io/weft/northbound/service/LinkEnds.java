package io.weft.northbound.service;

import io.weft.topology.virtual.VirtualPortId;
import java.util.Objects;

/** The two ends of a virtual link; naming an existing link, either order will do. */
public record LinkEnds(VirtualPortId src, VirtualPortId dst) {
    public LinkEnds {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
    }

    /** {@code vs1:3-vs2:1}, as the link's id is written. */
    @Override
    public String toString() {
        return src + "-" + dst;
    }
}

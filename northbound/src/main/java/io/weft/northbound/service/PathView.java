package io.weft.northbound.service;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A path between two devices, or between the devices two hosts attach to.
 *
 * @param src     what was asked for: a device id or a host's MAC, as Weft writes it
 * @param srcEdge where the source host attaches, for a path between hosts
 */
public record PathView(String src, String dst, Optional<ConnectPoint> srcEdge, Optional<ConnectPoint> dstEdge,
                       Path path) {
    public PathView {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(srcEdge, "srcEdge");
        Objects.requireNonNull(dstEdge, "dstEdge");
        Objects.requireNonNull(path, "path");
    }
}

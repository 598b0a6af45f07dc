package io.weft.topology.path;

import io.weft.topology.link.Link;
import java.util.List;
import java.util.Objects;
import org.onosproject.net.DeviceId;

/**
 * A route through the fabric from one device to another: its links in order (none when
 * source and destination are the same device) and their total weight.
 */
public record Path(DeviceId src, DeviceId dst, List<Link> links, double cost) {
    public Path {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        links = List.copyOf(links);
        DeviceId at = src;
        for (Link link : links) {
            if (!link.src().device().equals(at)) {
                throw new IllegalArgumentException("links do not join up at " + at + ": " + links);
            }
            at = link.dst().device();
        }
        if (!at.equals(dst)) {
            throw new IllegalArgumentException("links end at " + at + ", not " + dst);
        }
    }

    public boolean uses(Link link) {
        return links.contains(link);
    }
}

package io.weft.topology.link;

import java.util.Objects;
import org.onosproject.net.DeviceId;

/** A directed link: packets sent out of {@code src} arrive at {@code dst}. */
public record Link(ConnectPoint src, ConnectPoint dst) {
    public Link {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.equals(dst)) {
            throw new IllegalArgumentException("a link cannot start and end at " + src);
        }
    }

    public Link reversed() {
        return new Link(dst, src);
    }

    /** True when either end is {@code point}. */
    public boolean touches(ConnectPoint point) {
        return src.equals(point) || dst.equals(point);
    }

    public boolean touches(DeviceId device) {
        return src.device().equals(device) || dst.device().equals(device);
    }

    @Override
    public String toString() {
        return src + "->" + dst;
    }
}

package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A virtual link between two internal ports of a custom network's virtual switches; it carries
 * traffic both ways and is realised as a physical path Weft chooses and re-chooses.
 */
public record VirtualLink(NetworkId network, VirtualPortId src, VirtualPortId dst) {
    public VirtualLink {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.virtualSwitch().equals(dst.virtualSwitch())) {
            throw new IllegalArgumentException("a virtual link joins two different virtual switches, not "
                    + src.virtualSwitch() + " to itself");
        }
    }

    public boolean touches(VirtualPortId port) {
        return src.equals(port) || dst.equals(port);
    }
}

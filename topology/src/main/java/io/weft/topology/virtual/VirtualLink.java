package io.weft.topology.virtual;

import java.util.Objects;

/**
 * A virtual link between two internal ports of a custom network's virtual switches; it carries
 * traffic both ways and is realised as a physical path Weft chooses and re-chooses.
 */
public record VirtualLink(NetworkId network, VirtualPortId src, VirtualPortId dst) implements VirtualElement {
    public VirtualLink {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.virtualSwitch().equals(dst.virtualSwitch())) {
            throw new IllegalArgumentException("a virtual link joins two different virtual switches, not "
                    + src.virtualSwitch() + " to itself");
        }
    }

    /**
     * The link's name in the API and the store: its two ends, e.g. {@code vs1:3-vs2:1}. Either
     * order names the same link (see {@link #joins}).
     */
    public String id() {
        return src + "-" + dst;
    }

    /** Whether the link is the one between these two ports, in either direction. */
    public boolean joins(VirtualPortId a, VirtualPortId b) {
        return src.equals(a) && dst.equals(b) || src.equals(b) && dst.equals(a);
    }

    public boolean touches(VirtualPortId port) {
        return src.equals(port) || dst.equals(port);
    }

    @Override
    public TenantId tenant() {
        return network.tenant();
    }
}

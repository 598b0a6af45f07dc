package io.weft.southbound.api;

import java.util.Objects;
import org.onlab.packet.VlanId;

/** The VLAN ids a rule may name. */
final class VlanIds {
    private VlanIds() {
    }

    /**
     * {@code vlan} if it is a VLAN a frame can belong to: 1 to 4094. 0 only marks a
     * priority tag and 4095 is reserved (IEEE 802.1Q); OpenFlow 1.0 cannot even tell a
     * match on 0 from one on untagged frames.
     */
    static VlanId requireTaggable(VlanId vlan, String what) {
        Objects.requireNonNull(vlan, what);
        short id = vlan.toShort();
        if (id < 1 || id > VlanId.MAX_VLAN - 1) {
            throw new IllegalArgumentException(what + " must be a VLAN id within 1..4094, was " + vlan);
        }
        return vlan;
    }
}

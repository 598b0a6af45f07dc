package io.weft.topology.host;

import java.util.Objects;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/** What tells hosts apart: a MAC address on a VLAN ({@link VlanId#NONE} when untagged). */
public record HostKey(MacAddress mac, VlanId vlan) {
    public HostKey {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(vlan, "vlan");
    }

    public static HostKey untagged(MacAddress mac) {
        return new HostKey(mac, VlanId.NONE);
    }

    @Override
    public String toString() {
        return vlan.equals(VlanId.NONE) ? mac.toString() : mac + "/" + vlan;
    }
}

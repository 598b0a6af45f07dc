package io.weft.southbound.api;

import java.util.Objects;
import java.util.Optional;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * The header fields a flow rule matches; an absent field matches anything.
 *
 * @param ethType the type after any VLAN tag, as switches match it
 * @param vlan    {@link VlanId#NONE}: untagged frames only; an id (1..4094): frames whose
 *                outer tag carries it
 */
public record TrafficMatch(Optional<PortNumber> inPort, Optional<MacAddress> ethSrc,
                           Optional<MacAddress> ethDst, Optional<Integer> ethType, Optional<VlanId> vlan) {
    public static final TrafficMatch ANY = new TrafficMatch(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public TrafficMatch {
        Objects.requireNonNull(inPort, "inPort");
        Objects.requireNonNull(ethSrc, "ethSrc");
        Objects.requireNonNull(ethDst, "ethDst");
        Objects.requireNonNull(ethType, "ethType");
        Objects.requireNonNull(vlan, "vlan");
        ethType.ifPresent(type -> {
            if (type < 0 || type > 0xffff) {
                throw new IllegalArgumentException("ethertype out of range: " + type);
            }
        });
        vlan.filter(v -> !v.equals(VlanId.NONE)).ifPresent(v -> VlanIds.requireTaggable(v, "vlan"));
    }

    public TrafficMatch withInPort(PortNumber port) {
        return new TrafficMatch(Optional.of(port), ethSrc, ethDst, ethType, vlan);
    }

    public TrafficMatch withEthSrc(MacAddress mac) {
        return new TrafficMatch(inPort, Optional.of(mac), ethDst, ethType, vlan);
    }

    public TrafficMatch withEthDst(MacAddress mac) {
        return new TrafficMatch(inPort, ethSrc, Optional.of(mac), ethType, vlan);
    }

    public TrafficMatch withEthType(int type) {
        return new TrafficMatch(inPort, ethSrc, ethDst, Optional.of(type), vlan);
    }

    /** Only untagged frames for {@link VlanId#NONE}, else only frames tagged with {@code id}. */
    public TrafficMatch withVlan(VlanId id) {
        return new TrafficMatch(inPort, ethSrc, ethDst, ethType, Optional.of(id));
    }
}

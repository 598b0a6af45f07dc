package io.weft.southbound.api;

import java.util.Optional;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/**
 * The header fields a flow rule matches; an absent field matches anything.
 */
public record TrafficMatch(Optional<PortNumber> inPort, Optional<MacAddress> ethSrc,
                           Optional<MacAddress> ethDst, Optional<Integer> ethType) {
    public static final TrafficMatch ANY = new TrafficMatch(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public TrafficMatch withInPort(PortNumber port) {
        return new TrafficMatch(Optional.of(port), ethSrc, ethDst, ethType);
    }

    public TrafficMatch withEthSrc(MacAddress mac) {
        return new TrafficMatch(inPort, Optional.of(mac), ethDst, ethType);
    }

    public TrafficMatch withEthDst(MacAddress mac) {
        return new TrafficMatch(inPort, ethSrc, Optional.of(mac), ethType);
    }

    public TrafficMatch withEthType(int type) {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("ethertype out of range: " + type);
        }
        return new TrafficMatch(inPort, ethSrc, ethDst, Optional.of(type));
    }
}

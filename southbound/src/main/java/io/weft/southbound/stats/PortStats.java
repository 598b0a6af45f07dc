package io.weft.southbound.stats;

import java.util.Objects;
import org.onosproject.net.PortNumber;

/**
 * One port's counters since the switch started counting (they only grow, but a switch that
 * restarts starts again from zero). A counter the switch does not keep reads 0.
 */
public record PortStats(PortNumber port, long rxPackets, long txPackets, long rxBytes, long txBytes,
                        long rxDropped, long txDropped, long rxErrors, long txErrors) {
    public PortStats {
        Objects.requireNonNull(port, "port");
    }
}

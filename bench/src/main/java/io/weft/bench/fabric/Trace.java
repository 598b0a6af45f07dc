package io.weft.bench.fabric;

import java.util.List;

/**
 * Where a host's frame would go through the rules the switches hold: the ports it leaves by,
 * in order, and whether it reached the destination's port; if not, why.
 */
public record Trace(boolean delivered, List<Endpoint> egress, String outcome) {
    public Trace {
        egress = List.copyOf(egress);
    }

    /** The cables the frame crossed, in order. */
    public List<Cable> cables(Wiring wiring) {
        return egress.stream().flatMap(e -> wiring.cableAt(e).stream()).toList();
    }
}

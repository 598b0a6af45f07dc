package io.weft.topology.path;

import io.weft.topology.link.Link;

/** The cost of sending traffic over a link; paths minimise the sum. Must be positive. */
@FunctionalInterface
public interface LinkWeigher {
    /** Every link costs the same: shortest means fewest hops. */
    LinkWeigher HOP_COUNT = link -> 1.0;

    double weight(Link link);
}

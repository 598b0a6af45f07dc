package io.weft.apps.vnet;

import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualNetwork;
import java.util.List;
import org.onlab.packet.VlanId;

/**
 * One network ready to compile: its usable edges grouped into the parts that reach each other,
 * and each part's hosts.
 */
record Plan(VirtualNetwork network, long cookie, List<Part> parts) {
    /** How a part's broadcasts reach its other edges. */
    enum Flood {
        /** All its edges are on one switch: copies go straight out of them. */
        LOCAL,
        /** Along the network's share of the broadcast tree, tagged. */
        TREE,
        /** Through the controller, which sends a copy out of each edge. */
        CONTROLLER
    }

    /** Edges that reach each other, sorted by virtual port, with the hosts placed at them. */
    record Part(List<Edge> edges, List<Placed> hosts, Flood flood) {
    }

    /** A host and the edge it is at. */
    record Placed(VirtualHost host, Edge edge) {
    }

    VlanId tag() {
        return VlanId.vlanId((short) network.tag());
    }
}

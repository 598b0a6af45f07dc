package io.weft.apps.forwarding;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.Topology;
import io.weft.topology.path.TopologyService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.onosproject.net.PortNumber;

/**
 * Where a broadcast, or a frame to an unknown destination, goes from a switch: out of the
 * switch's broadcast-tree ports and edge ports, never back where it came in. A frame that
 * came in over a link off the tree is a copy the tree already delivers another way, and a
 * frame from a port discovery has not settled yet may be one too: both are dropped, which is
 * what keeps a ring or a mesh from looping broadcasts.
 */
final class TreeFlood {
    private TreeFlood() {
    }

    /** The ports to send the frame out of; empty when the frame must be dropped. */
    static Optional<List<PortNumber>> ports(Topology topology, TopologyService service, ConnectPoint in) {
        boolean fromEdge = service.isEdge(in);
        if (!fromEdge && !topology.onBroadcastTree(in)) {
            return Optional.empty();
        }
        List<PortNumber> out = Stream.concat(topology.broadcastPorts(in.device()).stream(),
                        service.edgePorts(in.device()).stream())
                .map(ConnectPoint::port).filter(p -> !p.equals(in.port())).distinct()
                .sorted((a, b) -> Long.compare(a.toLong(), b.toLong())).toList();
        return Optional.of(out);
    }
}

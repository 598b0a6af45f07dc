package io.weft.topology.path;

import io.weft.topology.event.EventListener;
import io.weft.topology.link.ConnectPoint;
import java.util.List;
import java.util.Optional;
import org.onosproject.net.DeviceId;

/** The current shape of the fabric: paths, the broadcast tree, and which ports face hosts. */
public interface TopologyService {
    /** The current immutable snapshot. */
    Topology topology();

    /** The shortest path in the current snapshot, if the devices are connected. */
    default Optional<Path> path(DeviceId src, DeviceId dst) {
        return topology().path(src, dst);
    }

    /**
     * True when {@code point} faces hosts: its device is connected, the port is up, no link
     * ends there, and it has been up long enough for discovery to have found a link if one
     * were there. Hosts are learned, and broadcasts delivered, only at edge ports.
     */
    boolean isEdge(ConnectPoint point);

    /** The edge ports of a device, by port number. */
    List<ConnectPoint> edgePorts(DeviceId device);

    void addListener(EventListener<TopologyEvent> listener);
}

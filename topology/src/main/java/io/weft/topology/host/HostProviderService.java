package io.weft.topology.host;

import io.weft.topology.link.ConnectPoint;
import java.util.Optional;
import org.onlab.packet.IpAddress;

/** How the host learner tells the model what it saw on an edge port. */
public interface HostProviderService {
    /** A packet from {@code key} arrived at {@code location}, sent from {@code ip} if it says. */
    void hostSeen(HostKey key, ConnectPoint location, Optional<IpAddress> ip);
}

package io.weft.apps.vnet;

import io.weft.topology.link.ConnectPoint;
import java.util.Collection;
import java.util.Optional;
import org.onlab.packet.VlanId;

/** Which network a frame arriving at the controller belongs to; the tenants' service keeps it current. */
public interface VnetDirectory {
    /**
     * The network with an attachment at {@code port} for frames tagged {@code vlan}
     * ({@link VlanId#NONE}: untagged): the one on that VLAN of the port, or the one that has
     * the whole port, whatever the frame's tag.
     */
    Optional<NetworkSpec> networkAt(ConnectPoint port, VlanId vlan);

    /** The network that carries {@code tag} across the fabric. */
    Optional<NetworkSpec> networkTagged(int tag);

    /** A fixed directory of {@code networks}. */
    static VnetDirectory of(Collection<NetworkSpec> networks) {
        return new SnapshotDirectory(networks);
    }
}

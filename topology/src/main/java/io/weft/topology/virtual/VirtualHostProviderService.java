package io.weft.topology.virtual;

import org.onlab.packet.MacAddress;

/**
 * How the component that watches tenants' traffic (the virtual-network compiler) reports the
 * hosts it learns. Learned hosts live in memory only and are forgotten with their port, their
 * network, or a restart; a declared host with the same MAC takes precedence.
 */
public interface VirtualHostProviderService {
    /** A host seen at an edge port of its network ({@code host.declared()} must be false). */
    void hostLearned(VirtualHost host);

    void hostVanished(NetworkId network, MacAddress mac);
}

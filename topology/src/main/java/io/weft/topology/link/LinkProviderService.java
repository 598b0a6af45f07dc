package io.weft.topology.link;

/** How link discovery tells the model what it found. */
public interface LinkProviderService {
    /** A verified probe crossed {@code link}: add it, or refresh its age. */
    void linkSeen(Link link);

    /**
     * A fresh, genuine probe arrived at {@code port} but made no link (hosts are known at one
     * of its ends): the port faces another switch, or a host that passes probes on. Either
     * way it is no place to flood or learn hosts for a while, which breaks the loop that a
     * fabric port taken for an edge port makes, and lets the wrongly learned hosts go.
     */
    void probeRefusedAt(ConnectPoint port);
}

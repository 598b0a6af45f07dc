package io.weft.topology.link;

/** How link discovery tells the model what it found. */
public interface LinkProviderService {
    /** A verified probe crossed {@code link}: add it, or refresh its age. */
    void linkSeen(Link link);
}

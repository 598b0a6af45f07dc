package io.weft.southbound.api;

/**
 * Sees packet-ins, one packet of a device at a time, on a network thread or a worker as it was
 * registered ({@link PacketService.Execution}). Processors of different devices run concurrently.
 */
@FunctionalInterface
public interface PacketProcessor {
    void process(PacketContext context);
}

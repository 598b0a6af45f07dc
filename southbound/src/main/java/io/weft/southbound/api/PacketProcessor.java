package io.weft.southbound.api;

/** Sees packet-ins. Called off the network threads, one packet of a device at a time. */
@FunctionalInterface
public interface PacketProcessor {
    void process(PacketContext context);
}

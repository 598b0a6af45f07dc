package io.weft.southbound.api;

/** Packets in and out. */
public interface PacketService {
    /**
     * Adds a processor. Processors see each packet in ascending {@code order}; ties keep the
     * order they were added in.
     */
    void addProcessor(int order, PacketProcessor processor);

    /**
     * Asks the device to send a packet. Best effort, like the network itself: false, and
     * counted, when the device is not connected or its connection is congested.
     */
    boolean emit(OutboundPacket packet);
}

package io.weft.southbound.api;

/**
 * One packet-in on its way through the processors. Every processor sees every packet; a
 * processor that acts on it marks it handled, and later processors decide for themselves
 * whether to act on a handled packet.
 */
public final class PacketContext {
    private final InboundPacket packet;
    private volatile boolean handled;

    public PacketContext(InboundPacket packet) {
        this.packet = packet;
    }

    public InboundPacket packet() {
        return packet;
    }

    public boolean isHandled() {
        return handled;
    }

    public void markHandled() {
        handled = true;
    }
}

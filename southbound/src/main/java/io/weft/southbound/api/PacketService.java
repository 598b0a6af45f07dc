package io.weft.southbound.api;

/** Packets in and out. */
public interface PacketService {
    /** Where a processor runs. */
    enum Execution {
        /**
         * On the network thread that read the packet-in, as it is read: for processors that never
         * block and take microseconds. There is no queue in between, so a slow inline processor
         * slows the reading of every switch that thread serves, and the switches buffer or drop.
         */
        INLINE,
        /**
         * On a bounded pool of worker threads, one packet of a switch at a time: for processors
         * that may take long (computing paths, say). When the pool's queue is full, the packet is
         * dropped before reaching them and counted.
         */
        WORKER
    }

    /** Adds a processor that runs on a worker thread; see {@link #addProcessor(int, PacketProcessor, Execution)}. */
    default void addProcessor(int order, PacketProcessor processor) {
        addProcessor(order, processor, Execution.WORKER);
    }

    /**
     * Adds a processor. Processors see each packet in ascending {@code order}; ties keep the
     * order they were added in. A processor runs {@link Execution#INLINE inline} only if every
     * processor before it does too; the first {@link Execution#WORKER worker} processor and all
     * after it run on a worker. Each processor sees the packets of one switch one at a time, in
     * the order the switch sent them.
     */
    void addProcessor(int order, PacketProcessor processor, Execution execution);

    /**
     * Asks the device to send a packet. Best effort, like the network itself: false, and
     * counted, when the device is not connected or its connection is congested.
     */
    boolean emit(OutboundPacket packet);

    /**
     * Answers a packet-in with a flow rule: installs {@code rule} on the packet's device and
     * sends the packet through the rule's actions. When the switch buffered the packet this is
     * one flow mod naming the buffer; otherwise a flow mod and a packet-out with the packet.
     *
     * <p>For the rules a reactive app derives from traffic and can derive again: the rule is
     * sent without waiting for a confirmation (no barrier), is not kept among
     * {@link FlowRuleService#rules}, and its removal is not reported. So it must remove itself:
     * it needs an idle or a hard timeout. A switch's refusal of it is only counted. Best effort
     * like {@link #emit}: false, and counted, when the device is not connected or its
     * connection is congested; then neither the rule nor the packet is sent.
     *
     * @param rule for the packet's device, matching the packet
     * @throws IllegalArgumentException if the rule is for another device or has no timeout
     */
    boolean installAndApply(InboundPacket packet, FlowRule rule);

    /** The checks of {@link #installAndApply}, for its implementations. */
    static void requireAnswerable(InboundPacket packet, FlowRule rule) {
        if (!rule.device().equals(packet.device())) {
            throw new IllegalArgumentException("a rule for " + rule.device() + " cannot answer a packet from "
                    + packet.device());
        }
        if (rule.idleTimeout() == 0 && rule.hardTimeout() == 0) {
            throw new IllegalArgumentException("a rule installed unconfirmed and untracked must expire by itself:"
                    + " give it an idle or a hard timeout");
        }
    }
}

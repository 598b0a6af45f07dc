package io.weft.bench.flowsetup;

/**
 * What one switch (or, summed, the fleet) saw while measuring.
 *
 * @param sent                  packet-ins sent
 * @param answered              packet-ins answered (counted once each, however many messages answered them)
 * @param byFlowMod             ... of which first by a flow mod carrying the packet's buffer id
 * @param byPacketOut           ... first by a packet-out carrying its buffer id
 * @param byPacketOutData       ... first by a packet-out carrying its bytes (unbuffered packets)
 * @param duplicates            answers to packet-ins already answered (not counted)
 * @param late                  answers to packet-ins already given up on (not counted)
 * @param unknown               buffer ids or packets we never sent (not counted)
 * @param expired               packet-ins given up on, unanswered within the answer timeout
 * @param flowMods              flow mods received
 * @param flowModsWithoutBuffer ... of which adding a rule without a buffer id (they answer no packet-in)
 * @param packetOuts            packet-outs received
 * @param otherPacketOuts       ... of which carrying no packet of ours (the controller's own, e.g. LLDP)
 * @param barriers              barrier requests received (and answered)
 */
public record Tally(long sent, long answered, long byFlowMod, long byPacketOut, long byPacketOutData, long duplicates,
             long late, long unknown, long expired, long flowMods, long flowModsWithoutBuffer, long packetOuts,
             long otherPacketOuts, long barriers) {
    static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Tally plus(Tally o) {
        return new Tally(sent + o.sent, answered + o.answered, byFlowMod + o.byFlowMod, byPacketOut + o.byPacketOut,
                byPacketOutData + o.byPacketOutData, duplicates + o.duplicates, late + o.late, unknown + o.unknown,
                expired + o.expired, flowMods + o.flowMods, flowModsWithoutBuffer + o.flowModsWithoutBuffer,
                packetOuts + o.packetOuts, otherPacketOuts + o.otherPacketOuts, barriers + o.barriers);
    }

    /** Flow mods, packet-outs and barriers the controller sent per answered packet-in. */
    public double messagesPerAnswer() {
        return answered == 0 ? 0 : (double) (flowMods + packetOuts + barriers) / answered;
    }
}

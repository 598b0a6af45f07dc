package io.weft.bench.ofswitch;

import io.netty.buffer.ByteBuf;

/**
 * What an emulated switch does beyond the handshake, for one benchmark. Every method is
 * called on the switch's event loop; {@code frame} is valid only during the call. Writes
 * made during a read are flushed once when the read batch is done.
 */
public interface SwitchBehaviour {
    /** The controller asked for the switch's features and got them: it knows the switch now. */
    default void onFeaturesSent(EmulatedSwitch sw) {
    }

    default void onFlowMod(EmulatedSwitch sw, ByteBuf frame) {
    }

    default void onPacketOut(EmulatedSwitch sw, ByteBuf frame) {
    }

    /** A barrier request was answered; everything before it was read. */
    default void onBarrier(EmulatedSwitch sw) {
    }

    /** The controller's messages of one read are handled; writes made now go out in the same flush. */
    default void onReadComplete(EmulatedSwitch sw) {
    }

    default void onDisconnected(EmulatedSwitch sw) {
    }
}

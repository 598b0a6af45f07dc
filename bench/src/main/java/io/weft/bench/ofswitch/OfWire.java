package io.weft.bench.ofswitch;

import io.netty.buffer.ByteBuf;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The few OpenFlow fields the emulated switch reads on its hot path, read in place at their
 * fixed offsets (OpenFlow 1.0 section 5, 1.3 section 7). Every offset here is checked in the
 * tests against messages openflowj encodes.
 */
public final class OfWire {
    public static final int HEADER_LENGTH = 8;
    public static final long NO_BUFFER = 0xffffffffL;

    public static final int HELLO = 0;
    public static final int ERROR = 1;
    public static final int ECHO_REQUEST = 2;
    public static final int ECHO_REPLY = 3;
    public static final int FEATURES_REQUEST = 5;
    public static final int GET_CONFIG_REQUEST = 7;
    public static final int SET_CONFIG = 9;
    public static final int PACKET_IN = 10;
    public static final int PACKET_OUT = 13;
    public static final int FLOW_MOD = 14;

    /** Flow mod commands that put a rule in place (and so apply it to a buffered packet). */
    private static final int FLOW_ADD = 0;
    private static final int FLOW_MODIFY = 1;
    private static final int FLOW_MODIFY_STRICT = 2;

    private OfWire() {
    }

    public static int version(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex());
    }

    public static int type(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex() + 1);
    }

    public static int length(ByteBuf frame) {
        return frame.getUnsignedShort(frame.readerIndex() + 2);
    }

    public static long xid(ByteBuf frame) {
        return frame.getUnsignedInt(frame.readerIndex() + 4);
    }

    public static int barrierRequest(OFVersion version) {
        return version == OFVersion.OF_10 ? 18 : 20;
    }

    public static int barrierReply(OFVersion version) {
        return version == OFVersion.OF_10 ? 19 : 21;
    }

    /** STATS_REQUEST on 1.0, MULTIPART_REQUEST on 1.3. */
    public static int statsRequest(OFVersion version) {
        return version == OFVersion.OF_10 ? 16 : 18;
    }

    /** ROLE_REQUEST exists from 1.2 on; -1 on 1.0. */
    public static int roleRequest(OFVersion version) {
        return version == OFVersion.OF_10 ? -1 : 24;
    }

    /** True if the flow mod adds or modifies a rule (not a delete). */
    public static boolean flowModInstalls(ByteBuf frame, OFVersion version) {
        int base = frame.readerIndex();
        int command = version == OFVersion.OF_10 ? frame.getUnsignedShort(base + 56) : frame.getUnsignedByte(base + 25);
        return command == FLOW_ADD || command == FLOW_MODIFY || command == FLOW_MODIFY_STRICT;
    }

    public static long flowModBufferId(ByteBuf frame, OFVersion version) {
        return frame.getUnsignedInt(frame.readerIndex() + (version == OFVersion.OF_10 ? 64 : 32));
    }

    public static long packetOutBufferId(ByteBuf frame) {
        return frame.getUnsignedInt(frame.readerIndex() + 8);
    }

    /**
     * Where a packet-out's packet starts, relative to the frame's reader index; -1 if the
     * actions length points past the end of the message.
     */
    public static int packetOutDataOffset(ByteBuf frame, OFVersion version) {
        int base = frame.readerIndex();
        int offset = version == OFVersion.OF_10
                ? 16 + frame.getUnsignedShort(base + 14)
                : 24 + frame.getUnsignedShort(base + 16);
        return offset <= length(frame) ? offset : -1;
    }
}

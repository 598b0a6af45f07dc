package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;

/**
 * Works around openflowj 3.2.1 numbering OpenFlow 1.5 OXS statistics fields off by one
 * from FLOW_COUNT on: the specification (and Open vSwitch) has flow_count = 3,
 * packet_count = 4, byte_count = 5, openflowj 2, 3 and 4, so it cannot parse the byte count
 * Open vSwitch puts in every 1.5 FLOW_REMOVED and in every entry of a 1.5 flow statistics
 * reply. Before parsing, the field numbers of such a message are rewritten in place to
 * openflowj's. Lengths are checked as we go; a message whose structure does not add up is
 * left alone (from where it stops adding up) for the parser to refuse.
 */
final class Of15OxsRenumbering {
    static final int WIRE_VERSION_15 = 6;
    static final int TYPE_FLOW_REMOVED = 11;
    static final int TYPE_MULTIPART_REPLY = 19;
    /** OFPMP_FLOW_DESC: the flow statistics openflowj requests as FLOW. */
    private static final int MULTIPART_FLOW_DESC = 1;
    private static final int FLOW_REMOVED_MATCH_OFFSET = 24;
    private static final int MULTIPART_BODY_OFFSET = 16;
    /** In an ofp_flow_stats: length, pad, table, reason, priority, timeouts, flags, importance, cookie. */
    private static final int FLOW_STATS_MATCH_OFFSET = 24;
    private static final int OXS_CLASS_OPENFLOW_BASIC = 0x8002;

    private Of15OxsRenumbering() {
    }

    static boolean applies(int version, int type) {
        return version == WIRE_VERSION_15 && (type == TYPE_FLOW_REMOVED || type == TYPE_MULTIPART_REPLY);
    }

    /** Rewrites a whole 1.5 frame of a type that {@link #applies}; other multipart replies are left alone. */
    static void rewrite(ByteBuf frame, int type) {
        if (type == TYPE_FLOW_REMOVED) {
            rewriteFlowRemoved(frame);
        } else if (type == TYPE_MULTIPART_REPLY) {
            rewriteFlowStatsReply(frame);
        }
    }

    /** Rewrites the OXS field numbers of a whole 1.5 FLOW_REMOVED frame in place. */
    static void rewriteFlowRemoved(ByteBuf frame) {
        int start = frame.readerIndex();
        rewriteStatsAfterMatch(frame, start + FLOW_REMOVED_MATCH_OFFSET, start + frame.readableBytes());
    }

    /** Rewrites the OXS field numbers of every entry of a whole 1.5 flow statistics reply in place. */
    static void rewriteFlowStatsReply(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = start + frame.readableBytes();
        if (start + MULTIPART_BODY_OFFSET > end || frame.getUnsignedShort(start + 8) != MULTIPART_FLOW_DESC) {
            return;
        }
        for (int entry = start + MULTIPART_BODY_OFFSET; entry + FLOW_STATS_MATCH_OFFSET <= end; ) {
            int length = frame.getUnsignedShort(entry);
            if (length < FLOW_STATS_MATCH_OFFSET || entry + length > end) {
                return;
            }
            rewriteStatsAfterMatch(frame, entry + FLOW_STATS_MATCH_OFFSET, entry + length);
            entry += length;
        }
    }

    /** The ofp_stats that follows the ofp_match at {@code match}, both within {@code end}. */
    private static void rewriteStatsAfterMatch(ByteBuf frame, int match, int end) {
        if (match + 4 > end) {
            return;
        }
        int matchLength = frame.getUnsignedShort(match + 2);
        int stats = match + (matchLength + 7) / 8 * 8;
        if (matchLength < 4 || stats + 4 > end) {
            return;
        }
        int statsEnd = stats + frame.getUnsignedShort(stats + 2);
        if (statsEnd > end) {
            return;
        }
        for (int oxs = stats + 4; oxs + 4 <= statsEnd; ) {
            int oxsClass = frame.getUnsignedShort(oxs);
            int fieldAndMask = frame.getUnsignedByte(oxs + 2);
            int length = frame.getUnsignedByte(oxs + 3);
            int field = fieldAndMask >>> 1;
            if (oxsClass == OXS_CLASS_OPENFLOW_BASIC && field >= 3 && field <= 5) {
                frame.setByte(oxs + 2, ((field - 1) << 1) | (fieldAndMask & 1));
            }
            oxs += 4 + length;
        }
    }
}

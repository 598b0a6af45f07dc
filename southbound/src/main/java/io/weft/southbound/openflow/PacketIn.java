package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.OptionalInt;
import org.onosproject.net.PortNumber;

/**
 * A PACKET_IN as the packet service needs it: where the switch keeps the packet, the port it
 * came in on, and its bytes. Read here rather than by openflowj, whose packet-in holds an OXM
 * match built as an EnumMap over all 119 of its match fields - per packet-in, the controller's
 * busiest message. Everything openflowj refuses in a packet-in is refused here too (a test
 * reads the same messages both ways), and an input port that is masked or not 4 bytes long,
 * which openflowj lets through; other OXM fields are skipped.
 *
 * @param version  the wire version of the message
 * @param bufferId empty for NO_BUFFER: the switch sent the whole packet and kept nothing
 * @param inPort   {@link PortNumber#CONTROLLER} when a 1.3+ match names no input port
 */
record PacketIn(int version, long xid, OptionalInt bufferId, PortNumber inPort, byte[] data) {
    static final int TYPE = 10;
    private static final int OF10 = 1;
    private static final int NO_BUFFER = 0xffffffff;
    private static final int OF10_HEADER = 18;
    /** Header, buffer id, total length, reason, table id, cookie. */
    private static final int OXM_MATCH_OFFSET = 24;
    private static final int OXM_IN_PORT = 0x80000004;
    private static final int OFPMT_OXM = 1;

    /** Whether {@link #read} reads packet-ins of this wire version: 1.0 and 1.3 to 1.5. */
    static boolean reads(int version) {
        return version == OF10 || version >= 4 && version <= 6;
    }

    /** Reads one whole PACKET_IN message, from its header on; the frame holds exactly the message. */
    static PacketIn read(ByteBuf frame) {
        int start = frame.readerIndex();
        int length = frame.readableBytes();
        int version = frame.getUnsignedByte(start);
        long xid = frame.getUnsignedInt(start + 4);
        if (version == OF10) {
            if (length < OF10_HEADER) {
                throw malformed(version, "has " + length + " bytes, fewer than its " + OF10_HEADER + "-byte header");
            }
            return new PacketIn(version, xid, bufferId(frame.getInt(start + 8)),
                    of10Port(version, frame.getUnsignedShort(start + 14)),
                    bytes(frame, start + OF10_HEADER, length - OF10_HEADER));
        }
        if (length < OXM_MATCH_OFFSET + 4) {
            throw malformed(version, "has " + length + " bytes, too few for its header and match");
        }
        int matchStart = start + OXM_MATCH_OFFSET;
        int matchType = frame.getUnsignedShort(matchStart);
        int matchLength = frame.getUnsignedShort(matchStart + 2);
        if (matchType != OFPMT_OXM) {
            throw malformed(version, "has a match of type " + matchType + ", not OXM");
        }
        int paddedMatch = (matchLength + 7) & ~7;
        if (matchLength < 4 || OXM_MATCH_OFFSET + paddedMatch + 2 > length) {
            throw malformed(version, "has a match of " + matchLength + " bytes in a message of " + length);
        }
        PortNumber inPort = PortNumber.CONTROLLER;
        int end = matchStart + matchLength;
        for (int at = matchStart + 4; at < end; ) {
            if (at + 4 > end) {
                throw malformed(version, "has an OXM header cut short by the end of its match");
            }
            int header = frame.getInt(at);
            int fieldLength = header & 0xff;
            if (fieldLength == 0 || at + 4 + fieldLength > end) {
                throw malformed(version, "has an OXM field of " + fieldLength + " bytes in what is left of its match");
            }
            if ((header & ~0x1ff) == (OXM_IN_PORT & ~0x1ff)) {
                // The input port's field, masked or not: only the plain form with its 4 bytes is right.
                if (header != OXM_IN_PORT) {
                    throw malformed(version, "has an input-port field of " + fieldLength + " bytes or with a mask");
                }
                inPort = OpenFlowTranslator.portNumber(frame.getUnsignedInt(at + 4));
            }
            at += 4 + fieldLength;
        }
        int dataStart = OXM_MATCH_OFFSET + paddedMatch + 2;
        return new PacketIn(version, xid, bufferId(frame.getInt(start + 8)), inPort,
                bytes(frame, start + dataStart, length - dataStart));
    }

    private static OptionalInt bufferId(int id) {
        return id == NO_BUFFER ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * OpenFlow 1.0's 16-bit port numbers as 1.3's: the reserved ones (0xfff8 up, and 0xff00, the
     * highest physical port) move to the top of the 32-bit range; 0xff01 to 0xfff7 name nothing.
     */
    private static PortNumber of10Port(int version, int port) {
        if (port == 0xff00 || port >= 0xfff8) {
            return OpenFlowTranslator.portNumber(0xffff0000L | port);
        }
        if (port > 0xff00) {
            throw malformed(version, "names port " + Integer.toHexString(port) + ", a reserved number with no use");
        }
        return OpenFlowTranslator.portNumber(port);
    }

    private static byte[] bytes(ByteBuf frame, int from, int count) {
        return ByteBufUtil.getBytes(frame, from, count);
    }

    private static ProtocolViolation malformed(int version, String what) {
        return new ProtocolViolation(ProtocolViolation.Reason.MALFORMED, "packet-in of wire version " + version + " "
                + what);
    }
}

package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import java.util.BitSet;
import java.util.Optional;

/**
 * An OFPT_HELLO of any version, parsed by hand so that a switch speaking a version newer
 * than openflowj knows can still be negotiated with: the header's version, and the
 * versions of its version-bitmap element if it sent one.
 */
record HelloMessage(int version, long xid, Optional<BitSet> versionBitmap) {
    static final int TYPE = 0;
    private static final int HEADER_LENGTH = 8;
    private static final int ELEMENT_HEADER_LENGTH = 4;
    private static final int ELEMENT_VERSION_BITMAP = 1;

    /** Parses a whole HELLO frame, header included; the frame's length is already checked. */
    static HelloMessage parse(ByteBuf frame) {
        int start = frame.readerIndex();
        int version = frame.getUnsignedByte(start);
        int length = frame.getUnsignedShort(start + 2);
        long xid = frame.getUnsignedInt(start + 4);
        int end = start + length;
        Optional<BitSet> bitmap = Optional.empty();
        // Elements exist from OpenFlow 1.3 (wire version 4) on; older HELLOs may carry
        // padding or anything else after the header, which the specification says to ignore.
        int offset = start + HEADER_LENGTH;
        while (version >= 4 && offset + ELEMENT_HEADER_LENGTH <= end) {
            int type = frame.getUnsignedShort(offset);
            int elementLength = frame.getUnsignedShort(offset + 2);
            if (elementLength < ELEMENT_HEADER_LENGTH || offset + elementLength > end) {
                throw new ProtocolViolation(ProtocolViolation.Reason.MALFORMED,
                        "HELLO element of type " + type + " has length " + elementLength
                                + ", outside 4.." + (end - offset));
            }
            if (type == ELEMENT_VERSION_BITMAP) {
                BitSet bits = new BitSet();
                int words = (elementLength - ELEMENT_HEADER_LENGTH) / 4;
                for (int w = 0; w < words; w++) {
                    long word = frame.getUnsignedInt(offset + ELEMENT_HEADER_LENGTH + 4 * w);
                    for (int b = 0; b < 32; b++) {
                        if ((word & (1L << b)) != 0) {
                            bits.set(32 * w + b);
                        }
                    }
                }
                bitmap = Optional.of(bits);
            }
            // Elements are padded to a multiple of 8 bytes.
            offset += (elementLength + 7) / 8 * 8;
        }
        frame.readerIndex(end);
        return new HelloMessage(version, xid, bitmap);
    }
}

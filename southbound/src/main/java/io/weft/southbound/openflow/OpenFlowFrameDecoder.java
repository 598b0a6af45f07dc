package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

/**
 * Cuts the byte stream into OpenFlow messages and parses them. Bounded: a length field
 * below the 8-byte header or above {@code maxMessageBytes} is refused before anything is
 * buffered, and a message is parsed only within its own frame, so a nested length that
 * runs past the end of its message is refused too. HELLOs become {@link HelloMessage},
 * packet-ins of the versions Weft speaks {@link PacketIn}, everything else an openflowj
 * {@link OFMessage}.
 */
final class OpenFlowFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_LENGTH = 8;

    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
    private final int maxMessageBytes;

    OpenFlowFrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start + 1);
        int length = in.getUnsignedShort(start + 2);
        if (length < HEADER_LENGTH) {
            throw new ProtocolViolation(ProtocolViolation.Reason.BAD_LENGTH,
                    "message of type " + type + " has length " + length + ", less than its 8-byte header");
        }
        if (length > maxMessageBytes) {
            throw new ProtocolViolation(ProtocolViolation.Reason.TOO_LARGE,
                    "message of type " + type + " has length " + length + ", more than the limit of "
                            + maxMessageBytes);
        }
        if (in.readableBytes() < length) {
            return;
        }
        ByteBuf frame = in.readSlice(length);
        int version = frame.getUnsignedByte(frame.readerIndex());
        if (type == HelloMessage.TYPE) {
            out.add(HelloMessage.parse(frame));
        } else if (type == PacketIn.TYPE && PacketIn.reads(version)) {
            out.add(PacketIn.read(frame));
        } else {
            out.add(parse(frame, type));
        }
    }

    private static OFMessage parse(ByteBuf frame, int type) {
        int version = frame.getUnsignedByte(frame.readerIndex());
        if (Of15OxsRenumbering.applies(version, type)) {
            Of15OxsRenumbering.rewrite(frame, type);
        }
        try {
            OFMessage message = READER.readFrom(frame);
            if (message == null) {
                throw new ProtocolViolation(ProtocolViolation.Reason.MALFORMED,
                        "message of type " + type + ", version " + version + " is incomplete");
            }
            return message;
        } catch (OFParseError | RuntimeException e) {
            if (e instanceof ProtocolViolation violation) {
                throw violation;
            }
            throw new ProtocolViolation(ProtocolViolation.Reason.MALFORMED,
                    "cannot parse message of type " + type + ", version " + version + ": " + e.getMessage(), e);
        }
    }
}

package io.weft.bench.ofswitch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits an OpenFlow connection's bytes into whole messages for the bench's switches and
 * stand-in controllers. Each message is handed over as a slice of the input, valid only during
 * the call. A length shorter than the header is a broken stream: {@link #onBadLength} closes
 * the connection and nothing after it is read, nor is anything once {@link #stopped()}.
 */
public abstract class OfFrameDecoder extends ByteToMessageDecoder {
    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!stopped() && in.readableBytes() >= OfWire.HEADER_LENGTH) {
            int length = in.getUnsignedShort(in.readerIndex() + 2);
            if (length < OfWire.HEADER_LENGTH) {
                onBadLength(ctx, length);
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            onFrame(ctx, in.readSlice(length));
        }
        if (stopped()) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** One whole message. */
    protected abstract void onFrame(ChannelHandlerContext ctx, ByteBuf frame);

    /** A message claims fewer bytes than its own header: count it and close the connection. */
    protected abstract void onBadLength(ChannelHandlerContext ctx, int length);

    /** True once the connection is being closed; what is left unread is dropped. */
    protected boolean stopped() {
        return false;
    }
}

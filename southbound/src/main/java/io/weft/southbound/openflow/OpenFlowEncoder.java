package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Writes openflowj messages to the wire. */
@Sharable
final class OpenFlowEncoder extends MessageToByteEncoder<OFMessage> {
    OpenFlowEncoder() {
        super(OFMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OFMessage message, ByteBuf out) {
        message.writeTo(out);
    }
}

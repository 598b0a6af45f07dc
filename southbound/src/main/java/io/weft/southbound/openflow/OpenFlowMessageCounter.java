package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.weft.metrics.Counter;
import io.weft.metrics.Counters;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Counts OpenFlow messages in and out of every connection by type, as
 * {@code openflow.messages.in.<type>} and {@code openflow.messages.out.<type>}
 * ({@code packet_in}, {@code flow_mod}, {@code stats_reply}...). One instance serves every
 * connection; a message costs an array read and an add, the counter of a type being looked up
 * by name once, the first time a message of that type passes.
 */
@Sharable
final class OpenFlowMessageCounter extends ChannelDuplexHandler {
    private static final OFType[] TYPES = OFType.values();

    private final Counters counters;
    private final AtomicReferenceArray<Counter> in = new AtomicReferenceArray<>(TYPES.length);
    private final AtomicReferenceArray<Counter> out = new AtomicReferenceArray<>(TYPES.length);

    OpenFlowMessageCounter(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof OFMessage message) {
            counter(in, "in", message.getType()).increment();
        } else if (msg instanceof PacketIn) {
            counter(in, "in", OFType.PACKET_IN).increment();
        } else if (msg instanceof HelloMessage) {
            counter(in, "in", OFType.HELLO).increment();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof OFMessage message) {
            counter(out, "out", message.getType()).increment();
        } else if (msg instanceof ByteBuf encoded && encoded.readableBytes() >= 2) {
            // Messages written straight to bytes (flow mods, packet-outs): their type is the header's second byte.
            OFType type = rawType(encoded.getUnsignedByte(encoded.readerIndex() + 1));
            if (type != null) {
                counter(out, "out", type).increment();
            }
        }
        ctx.write(msg, promise);
    }

    /** The types Weft writes as bytes; their codes are the same in every version. */
    private static OFType rawType(int code) {
        return switch (code) {
            case 13 -> OFType.PACKET_OUT;
            case 14 -> OFType.FLOW_MOD;
            default -> null;
        };
    }

    private Counter counter(AtomicReferenceArray<Counter> byType, String direction, OFType type) {
        Counter counter = byType.get(type.ordinal());
        if (counter == null) {
            // Two threads may both look it up: the registry gives both the same counter.
            counter = counters.counter("openflow.messages." + direction + "." + type.name().toLowerCase(Locale.ROOT));
            byType.set(type.ordinal(), counter);
        }
        return counter;
    }
}

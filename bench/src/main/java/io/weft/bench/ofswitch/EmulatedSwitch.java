package io.weft.bench.ofswitch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.weft.metrics.Counters;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated switch's connection to the controller. It cuts the stream into OpenFlow
 * messages and answers each one in place, with no object per message on the hot path:
 * echoes and barriers are answered by rewriting the request's type, flow mods and
 * packet-outs go to the {@link SwitchBehaviour}; only the rare handshake and statistics
 * requests are parsed with openflowj.
 *
 * <p>Whatever the controller sends that a switch would refuse is answered with an OpenFlow
 * error and counted ({@code bench.switch.refused.*}); what the switch cannot make sense of
 * at all closes the connection and is counted ({@code bench.switch.closed.*}).
 */
public final class EmulatedSwitch extends OfFrameDecoder {
    private static final Logger log = LoggerFactory.getLogger(EmulatedSwitch.class);
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
    private static final int HELLO_BITMAP_ELEMENT = 1;

    private final SwitchProfile profile;
    private final SwitchReplies replies;
    private final SwitchBehaviour behaviour;
    private final Counters counters;
    private final OFVersion version;
    private final int barrierRequest;
    private final int barrierReply;
    private final int statsRequest;
    private final int roleRequest;
    private ChannelHandlerContext ctx;
    private boolean helloReceived;
    private boolean closing;
    private int missSendLen = 128;

    public EmulatedSwitch(SwitchProfile profile, SwitchBehaviour behaviour, Counters counters) {
        this.profile = profile;
        this.replies = new SwitchReplies(profile);
        this.behaviour = behaviour;
        this.counters = counters;
        this.version = profile.version();
        this.barrierRequest = OfWire.barrierRequest(version);
        this.barrierReply = OfWire.barrierReply(version);
        this.statsRequest = OfWire.statsRequest(version);
        this.roleRequest = OfWire.roleRequest(version);
    }

    public SwitchProfile profile() {
        return profile;
    }

    public OFVersion version() {
        return version;
    }

    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    public boolean isOpen() {
        return ctx != null && ctx.channel().isActive() && !closing;
    }

    /** The miss-send length the controller asked for in SET_CONFIG (128 until it does). */
    public int missSendLen() {
        return missSendLen;
    }

    /** Queues a message; it leaves with the next flush. */
    public void write(ByteBuf message) {
        ctx.write(message, ctx.voidPromise());
    }

    public void write(OFMessage message) {
        ByteBuf buf = ctx.alloc().buffer();
        message.writeTo(buf);
        write(buf);
    }

    public void flush() {
        ctx.flush();
    }

    /**
     * Tells the controller that a port's link went down or came back (PORT_STATUS, reason
     * MODIFY), as a switch does when its cable is pulled or plugged in. Callable from any thread.
     */
    public void sendPortStatus(int port, boolean up) {
        OFMessage status = replies.portStatus(port, up);
        eventLoop().execute(() -> {
            if (isOpen()) {
                write(status);
                flush();
            }
        });
    }

    public void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        write(replies.hello());
        flush();
        super.channelActive(context);
    }

    @Override
    protected boolean stopped() {
        return closing;
    }

    @Override
    protected void onBadLength(ChannelHandlerContext context, int length) {
        refuseConnection("bad_length", "message of length " + length + ", less than its header");
    }

    @Override
    protected void onFrame(ChannelHandlerContext context, ByteBuf frame) {
        onMessage(frame);
    }

    private void onMessage(ByteBuf frame) {
        int type = OfWire.type(frame);
        if (!helloReceived) {
            if (type != OfWire.HELLO) {
                refuseConnection("before_hello", "message of type " + type + " before HELLO");
            } else {
                onHello(frame);
            }
            return;
        }
        if (OfWire.version(frame) != version.getWireVersion()) {
            refuseConnection("wrong_version", "message of type " + type + " in wire version "
                    + OfWire.version(frame) + " on a " + version + " connection");
            return;
        }
        if (type == OfWire.FLOW_MOD) {
            behaviour.onFlowMod(this, frame);
        } else if (type == OfWire.PACKET_OUT) {
            behaviour.onPacketOut(this, frame);
        } else if (type == barrierRequest) {
            write(retyped(frame, barrierReply));
            behaviour.onBarrier(this);
        } else if (type == OfWire.ECHO_REQUEST) {
            write(retyped(frame, OfWire.ECHO_REPLY));
        } else if (type == OfWire.SET_CONFIG) {
            if (frame.readableBytes() >= 12) {
                missSendLen = frame.getUnsignedShort(frame.readerIndex() + 10);
            }
        } else if (type == OfWire.FEATURES_REQUEST) {
            write(replies.featuresReply(OfWire.xid(frame)));
            behaviour.onFeaturesSent(this);
        } else if (type == OfWire.GET_CONFIG_REQUEST) {
            write(replies.configReply(OfWire.xid(frame), missSendLen));
        } else if (type == OfWire.ECHO_REPLY || type == OfWire.HELLO) {
            return;
        } else if (type == OfWire.ERROR) {
            counters.increment("bench.switch.errors_received");
            log.debug("{}: error from the controller: {}", profile.name(), parseQuietly(frame));
        } else if (type == statsRequest) {
            onStatsRequest(frame);
        } else if (type == roleRequest) {
            OFMessage request = parseQuietly(frame);
            if (request instanceof OFRoleRequest role) {
                write(replies.roleReply(role));
            } else {
                refuse(frame, "bad_role_request", OFBadRequestCode.BAD_LEN);
            }
        } else {
            refuse(frame, "unsupported_type", OFBadRequestCode.BAD_TYPE);
        }
    }

    private void onHello(ByteBuf frame) {
        int theirs = OfWire.version(frame);
        boolean compatible;
        long bitmap = helloBitmap(frame);
        if (bitmap >= 0 && version.getWireVersion() >= OFVersion.OF_13.getWireVersion()) {
            compatible = (bitmap & (1L << version.getWireVersion())) != 0;
        } else {
            compatible = theirs >= version.getWireVersion();
        }
        if (!compatible) {
            write(replies.helloFailed(OfWire.xid(frame)));
            flush();
            refuseConnection("version_mismatch", "controller offers wire version " + theirs
                    + (bitmap >= 0 ? " bitmap 0x" + Long.toHexString(bitmap) : "") + ", switch speaks " + version);
            return;
        }
        helloReceived = true;
    }

    /** The first word of a HELLO's version bitmap element; -1 without one. */
    private static long helloBitmap(ByteBuf frame) {
        int base = frame.readerIndex();
        int end = base + OfWire.length(frame);
        int offset = base + OfWire.HEADER_LENGTH;
        while (offset + 8 <= end) {
            int type = frame.getUnsignedShort(offset);
            int length = frame.getUnsignedShort(offset + 2);
            if (length < 4) {
                return -1;
            }
            if (type == HELLO_BITMAP_ELEMENT) {
                return frame.getUnsignedInt(offset + 4);
            }
            offset += (length + 7) / 8 * 8;
        }
        return -1;
    }

    private void onStatsRequest(ByteBuf frame) {
        OFMessage request = parseQuietly(frame);
        if (!(request instanceof OFStatsRequest<?> stats)) {
            refuse(frame, "bad_stats_request", OFBadRequestCode.BAD_LEN);
            return;
        }
        switch (stats.getStatsType()) {
            case PORT_DESC -> write(replies.portDescReply(stats.getXid()));
            case DESC -> write(replies.descReply(stats.getXid()));
            case FLOW -> write(replies.flowStatsReply(stats.getXid()));
            case PORT -> write(replies.portStatsReply(stats.getXid()));
            case TABLE -> write(replies.tableStatsReply(stats.getXid()));
            // BAD_STAT is OFPBRC_BAD_STAT on 1.0 and OFPBRC_BAD_MULTIPART on 1.3.
            default -> refuse(frame, "unsupported_stats", OFBadRequestCode.BAD_STAT);
        }
    }

    /** A copy of {@code frame} with another message type: echo and barrier replies mirror their request. */
    private ByteBuf retyped(ByteBuf frame, int type) {
        ByteBuf reply = ctx.alloc().buffer(frame.readableBytes());
        reply.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
        reply.setByte(1, type);
        return reply;
    }

    private OFMessage parseQuietly(ByteBuf frame) {
        try {
            return READER.readFrom(frame.duplicate());
        } catch (OFParseError | RuntimeException e) {
            return null;
        }
    }

    private void refuse(ByteBuf frame, String reason, OFBadRequestCode code) {
        counters.increment("bench.switch.refused." + reason);
        log.debug("{}: refusing message of type {}: {}", profile.name(), OfWire.type(frame), reason);
        write(replies.badRequest(frame, code));
    }

    private void refuseConnection(String reason, String detail) {
        counters.increment("bench.switch.closed." + reason);
        log.warn("{}: closing the connection: {}", profile.name(), detail);
        closing = true;
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        if (!closing) {
            behaviour.onReadComplete(this);
        }
        super.channelReadComplete(context);
        context.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!closing) {
            counters.increment("bench.switch.closed.exception");
            log.warn("{}: closing the connection: {}", profile.name(), cause.toString());
            closing = true;
        }
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        closing = true;
        behaviour.onDisconnected(this);
        super.channelInactive(context);
    }
}

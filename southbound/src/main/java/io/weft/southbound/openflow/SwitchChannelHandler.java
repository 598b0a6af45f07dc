package io.weft.southbound.openflow;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.U32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch connection as an explicit state machine ({@link HandshakeState}):
 * HELLO and version negotiation, FEATURES, port description (multipart on 1.3+), switch
 * description, SET_CONFIG with full packets to the controller and, on 1.3+, the table-miss
 * rule, confirmed by a barrier; then ACTIVE. Tables are never wiped on connect.
 *
 * <p>Every message is checked against the state: a message out of order, of the wrong
 * version, or of a type a switch must not send raises a {@link ProtocolViolation}, and
 * {@link #close(ChannelHandlerContext, ProtocolViolation)} is the one place that answers it.
 */
final class SwitchChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SwitchChannelHandler.class);

    /** Replies a switch may send unasked or that we do not wait for; dropped and counted. */
    private static final Set<OFType> IGNORED_WHEN_ACTIVE = EnumSet.of(OFType.EXPERIMENTER,
            OFType.GET_CONFIG_REPLY, OFType.ROLE_REPLY, OFType.ROLE_STATUS, OFType.TABLE_STATUS,
            OFType.REQUESTFORWARD, OFType.GET_ASYNC_REPLY, OFType.QUEUE_GET_CONFIG_REPLY,
            OFType.CONTROLLER_STATUS, OFType.BUNDLE_CONTROL);
    /** Asynchronous messages that may race the end of the handshake; dropped and counted. */
    private static final Set<OFType> ASYNC = EnumSet.of(OFType.PACKET_IN, OFType.PORT_STATUS,
            OFType.FLOW_REMOVED, OFType.ROLE_STATUS, OFType.TABLE_STATUS, OFType.EXPERIMENTER);
    private static final int FULL_PACKET = 0xffff;
    private static final Duration MIN_LIVENESS_DEADLINE = Duration.ofSeconds(1);
    private static final Duration MAX_LIVENESS_DEADLINE = Duration.ofSeconds(2);

    private final OpenFlowConfig config;
    private final Set<OFVersion> versions;
    private final SwitchRegistry registry;
    private final SwitchEvents events;
    private final Counters counters;

    private HandshakeState state = HandshakeState.WAIT_HELLO;
    private OFFactory factory;
    private SwitchSession session;
    private boolean claimed;
    /** Set once ACTIVE is reached; unlike state it survives the CLOSED that precedes channelInactive. */
    private boolean activated;
    private long awaitedXid;
    private final List<OFPortDesc> ports = new ArrayList<>();
    private OFDescStatsReply description;
    private ScheduledFuture<?> handshakeTimer;
    private int silentIntervals;
    /** Closes this connection unless anything comes back first: set while a liveness check waits. */
    private ScheduledFuture<?> livenessTimer;
    private SocketAddress remote;

    SwitchChannelHandler(OpenFlowConfig config, Set<OFVersion> versions, SwitchRegistry registry,
                         SwitchEvents events, Counters counters) {
        this.config = config;
        this.versions = versions;
        this.registry = registry;
        this.events = events;
        this.counters = counters;
    }

    HandshakeState state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = ctx.channel().remoteAddress();
        counters.increment("openflow.connections.accepted");
        OFFactory highest = OFFactories.getFactory(VersionNegotiation.highest(versions));
        long bitmap = 0;
        for (OFVersion v : versions) {
            bitmap |= 1L << v.getWireVersion();
        }
        ctx.writeAndFlush(highest.buildHello().setXid(0)
                .setElements(List.of(highest.buildHelloElemVersionbitmap()
                        .setBitmaps(List.of(U32.of(bitmap))).build()))
                .build());
        long timeout = config.handshakeTimeout().toMillis();
        handshakeTimer = ctx.executor().schedule(() -> close(ctx, new ProtocolViolation(
                ProtocolViolation.Reason.HANDSHAKE_TIMEOUT, "handshake not finished within " + timeout
                        + " ms, still in " + state)), timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silentIntervals = 0;
        if (livenessTimer != null) {
            livenessTimer.cancel(false);
            livenessTimer = null;
        }
        if (state == HandshakeState.CLOSED) {
            return;
        }
        if (session != null) {
            session.readStarted();
        }
        try {
            if (msg instanceof PacketIn packetIn) {
                onPacketIn(packetIn);
            } else if (msg instanceof HelloMessage hello) {
                onHello(ctx, hello);
            } else {
                onMessage(ctx, (OFMessage) msg);
            }
        } catch (ProtocolViolation violation) {
            close(ctx, violation);
        }
    }

    /** A packet-in, read apart from openflowj's messages (see {@link PacketIn}) but checked as they are. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null) {
            session.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    private void onPacketIn(PacketIn packetIn) {
        if (state == HandshakeState.WAIT_HELLO) {
            throw unexpected("PACKET_IN before HELLO");
        }
        if (packetIn.version() != factory.getVersion().getWireVersion()) {
            throw new ProtocolViolation(ProtocolViolation.Reason.WRONG_VERSION, "PACKET_IN in wire version "
                    + packetIn.version() + " on a connection that negotiated " + factory.getVersion());
        }
        if (state != HandshakeState.ACTIVE) {
            counters.increment("openflow.dropped.before_active");
            return;
        }
        events.packetIn(session, packetIn);
    }

    private void onHello(ChannelHandlerContext ctx, HelloMessage hello) {
        if (state != HandshakeState.WAIT_HELLO) {
            throw unexpected("HELLO");
        }
        Optional<OFVersion> agreed = VersionNegotiation.negotiate(versions, hello);
        if (agreed.isEmpty()) {
            OFFactory errorFactory = OFFactories.getFactory(errorVersion(hello.version()));
            ctx.writeAndFlush(errorFactory.errorMsgs().buildHelloFailedErrorMsg().setXid(hello.xid())
                    .setCode(OFHelloFailedCode.INCOMPATIBLE)
                    .setData(OFErrorCauseData.of(("Weft speaks OpenFlow " + versions).getBytes(), errorFactory.getVersion()))
                    .build());
            throw new ProtocolViolation(ProtocolViolation.Reason.VERSION_MISMATCH, "no common OpenFlow version: switch"
                    + " offers wire version " + hello.version() + hello.versionBitmap().map(b -> " bitmap " + b).orElse("")
                    + ", Weft speaks " + versions);
        }
        factory = OFFactories.getFactory(agreed.get());
        state = HandshakeState.WAIT_FEATURES_REPLY;
        request(ctx, factory.buildFeaturesRequest().setXid(nextXid()).build());
    }

    private OFVersion errorVersion(int theirWireVersion) {
        for (OFVersion v : OFVersion.values()) {
            if (v.getWireVersion() == theirWireVersion) {
                return v;
            }
        }
        return VersionNegotiation.highest(versions);
    }

    private void onMessage(ChannelHandlerContext ctx, OFMessage message) {
        if (state == HandshakeState.WAIT_HELLO) {
            throw unexpected(message.getType() + " before HELLO");
        }
        if (message.getVersion() != factory.getVersion()) {
            throw new ProtocolViolation(ProtocolViolation.Reason.WRONG_VERSION, message.getType() + " in "
                    + message.getVersion() + " on a connection that negotiated " + factory.getVersion());
        }
        if (message.getType() == OFType.ECHO_REQUEST) {
            ctx.writeAndFlush(factory.buildEchoReply().setXid(message.getXid())
                    .setData(((OFEchoRequest) message).getData()).build());
            return;
        }
        if (message.getType() == OFType.ECHO_REPLY) {
            return;
        }
        switch (state) {
            case WAIT_FEATURES_REPLY -> onFeaturesReply(ctx, awaited(message, OFFeaturesReply.class));
            case WAIT_PORT_DESC -> onPortDesc(ctx, awaited(message, OFPortDescStatsReply.class));
            case WAIT_DESC -> onDescription(ctx, awaited(message, OFDescStatsReply.class));
            case WAIT_CONFIG_BARRIER -> activate(ctx, awaited(message, OFBarrierReply.class));
            case ACTIVE -> onActiveMessage(message);
            default -> throw unexpected(message.getType().toString());
        }
    }

    /**
     * The reply the handshake waits for; errors and asynchronous messages racing the
     * handshake are counted and passed over (returns null); anything else is a violation.
     */
    private <T extends OFMessage> T awaited(OFMessage message, Class<T> type) {
        if (type.isInstance(message) && message.getXid() == awaitedXid) {
            return type.cast(message);
        }
        if (message instanceof OFErrorMsg error) {
            counters.increment("openflow.handshake.errors");
            log.warn("switch {}: error during handshake ({}): {}", who(), state, error);
            return null;
        }
        if (ASYNC.contains(message.getType())) {
            counters.increment("openflow.dropped.before_active");
            return null;
        }
        throw unexpected(message.getType().toString());
    }

    private void onFeaturesReply(ChannelHandlerContext ctx, OFFeaturesReply reply) {
        if (reply == null) {
            return;
        }
        session = new SwitchSession(ctx.channel(), factory, reply.getDatapathId().getLong(), config, counters);
        if (!registry.claim(session)) {
            // A switch whose connection died silently (a dropped NAT entry, a dead cable) comes
            // back on a new one before the old one's idle timeout: the holder must prove it lives.
            registry.session(session.deviceId()).ifPresent(SwitchSession::checkLiveness);
            throw new ProtocolViolation(ProtocolViolation.Reason.DUPLICATE_DPID, "datapath id " + session.deviceId()
                    + " is already connected; keeping the connection that has it unless it fails to answer an echo"
                    + " within " + livenessDeadline().toMillis() + " ms");
        }
        claimed = true;
        if (factory.getVersion() == OFVersion.OF_10) {
            ports.addAll(reply.getPorts());
            requestDescription(ctx);
        } else {
            state = HandshakeState.WAIT_PORT_DESC;
            request(ctx, factory.buildPortDescStatsRequest().setXid(nextXid()).build());
        }
    }

    private void onPortDesc(ChannelHandlerContext ctx, OFPortDescStatsReply reply) {
        if (reply == null) {
            return;
        }
        ports.addAll(reply.getEntries());
        if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            requestDescription(ctx);
        }
    }

    private void requestDescription(ChannelHandlerContext ctx) {
        state = HandshakeState.WAIT_DESC;
        request(ctx, factory.buildDescStatsRequest().setXid(nextXid()).build());
    }

    /**
     * The rule an OpenFlow 1.3+ switch is given in the handshake, so that it sends what matches
     * nothing else to the controller (a 1.0 switch does that without one). Weft tracks it like
     * any rule it sent, so the audit puts it back when it goes.
     */
    static FlowRule tableMiss(DeviceId device) {
        return new FlowRule(device, 0, 0, TrafficMatch.ANY, List.of(Action.output(PortNumber.CONTROLLER)),
                Cookies.cookie(AppId.CORE, 0), 0, 0);
    }

    private void onDescription(ChannelHandlerContext ctx, OFDescStatsReply reply) {
        if (reply == null) {
            return;
        }
        description = reply;
        ctx.write(factory.buildSetConfig().setXid(nextXid()).setMissSendLen(FULL_PACKET).build());
        if (factory.getVersion().compareTo(OFVersion.OF_13) >= 0) {
            // Without a table-miss rule an OpenFlow 1.3+ switch drops what matches nothing.
            // Sent as every tracked rule is (SEND_FLOW_REM), so that the audit's repair writes the same rule.
            ctx.write(OpenFlowTranslator.flowMod(factory, FlowOperation.add(tableMiss(session.deviceId())))
                    .createBuilder().setXid(nextXid()).build());
        }
        state = HandshakeState.WAIT_CONFIG_BARRIER;
        request(ctx, factory.buildBarrierRequest().setXid(nextXid()).build());
    }

    private void activate(ChannelHandlerContext ctx, OFBarrierReply reply) {
        if (reply == null) {
            return;
        }
        state = HandshakeState.ACTIVE;
        activated = true;
        handshakeTimer.cancel(false);
        session.markActive();
        counters.increment("openflow.handshakes.completed");
        log.info("switch {} connected: {}, {} ports, {} {} {}", who(), factory.getVersion(), ports.size(),
                description.getMfrDesc(), description.getHwDesc(), description.getSwDesc());
        events.switchActivated(session, description, List.copyOf(ports));
    }

    private void onActiveMessage(OFMessage message) {
        switch (message.getType()) {
            case PORT_STATUS -> events.portStatus(session, (OFPortStatus) message);
            case FLOW_REMOVED -> events.flowRemoved(session, (OFFlowRemoved) message);
            case STATS_REPLY -> {
                if (!session.statsReply((OFStatsReply) message)) {
                    counters.increment("openflow.ignored.stats_reply");
                }
            }
            case BARRIER_REPLY -> {
                if (!session.barrierReply(message.getXid())) {
                    counters.increment("openflow.ignored.barrier_reply");
                }
            }
            case ERROR -> {
                counters.increment("openflow.errors.received");
                if (SwitchSession.isUnconfirmed(message.getXid())) {
                    // A reactive rule refused (a full table, say): the packet that asked for it is lost,
                    // the next one asks again. Counted, not logged: it can come at the packet-in rate.
                    counters.increment("openflow.errors.unconfirmed");
                } else if (!session.error((OFErrorMsg) message)) {
                    counters.increment("openflow.errors.unattributed");
                    log.warn("switch {}: error not caused by a confirmed batch: {}", who(), message);
                }
            }
            default -> {
                if (!IGNORED_WHEN_ACTIVE.contains(message.getType())) {
                    throw unexpected(message.getType().toString());
                }
                counters.increment("openflow.ignored." + message.getType().toString().toLowerCase());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == SwitchSession.LIVENESS_CHECK) {
            checkLiveness(ctx);
            return;
        }
        if (!(event instanceof IdleStateEvent) || state == HandshakeState.CLOSED) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        silentIntervals++;
        if (silentIntervals > config.echoMisses()) {
            close(ctx, new ProtocolViolation(ProtocolViolation.Reason.IDLE, "silent for " + silentIntervals
                    + " echo intervals of " + config.echoInterval().toMillis() + " ms"));
        } else if (factory != null) {
            counters.increment("openflow.echo.sent");
            ctx.writeAndFlush(echoRequest());
        }
    }

    private OFEchoRequest echoRequest() {
        return factory.buildEchoRequest().setXid(nextXid()).setData(new byte[0]).build();
    }

    /**
     * Another connection claimed this one's datapath id: an echo goes out, and unless anything
     * comes back within {@link #livenessDeadline} this connection is closed as idle, so that
     * the switch's next attempt is taken. A switch that answers keeps its connection.
     */
    private void checkLiveness(ChannelHandlerContext ctx) {
        if (state == HandshakeState.CLOSED || factory == null || livenessTimer != null) {
            return;
        }
        counters.increment("openflow.liveness.checks");
        ctx.writeAndFlush(echoRequest());
        long deadline = livenessDeadline().toMillis();
        // Any message read cancels it (channelRead), so a later check gets a timer of its own.
        livenessTimer = ctx.executor().schedule(() -> close(ctx, new ProtocolViolation(ProtocolViolation.Reason.IDLE,
                "no answer to an echo within " + deadline + " ms while another connection claimed its datapath id")),
                deadline, TimeUnit.MILLISECONDS);
    }

    /**
     * How long a connection whose datapath id another claims has to answer: the echo interval,
     * but at least {@link #MIN_LIVENESS_DEADLINE} (ample for a live switch) and at most
     * {@link #MAX_LIVENESS_DEADLINE} (the switch's next attempt is soon).
     */
    private Duration livenessDeadline() {
        Duration echo = config.echoInterval();
        return echo.compareTo(MIN_LIVENESS_DEADLINE) < 0 ? MIN_LIVENESS_DEADLINE
                : echo.compareTo(MAX_LIVENESS_DEADLINE) > 0 ? MAX_LIVENESS_DEADLINE : echo;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolation violation) {
            close(ctx, violation);
        } else if (root instanceof IOException) {
            if (state != HandshakeState.CLOSED) {
                counters.increment("openflow.connections.reset");
                log.info("switch {}: connection lost: {}", who(), root.getMessage());
                state = HandshakeState.CLOSED;
            }
            ctx.close();
        } else if (state != HandshakeState.CLOSED) {
            state = HandshakeState.CLOSED;
            counters.increment("openflow.closed.internal_error");
            log.error("switch {}: closing connection after an internal error", who(), root);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = HandshakeState.CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (session != null) {
            session.closed();
            if (claimed) {
                registry.release(session);
            }
        }
        counters.increment("openflow.connections.closed");
        if (activated) {
            log.info("switch {} disconnected", who());
            events.switchDisconnected(session);
        }
        ctx.fireChannelInactive();
    }

    /** The one answer to every violation: a log line, its counter, and this connection closed. */
    private void close(ChannelHandlerContext ctx, ProtocolViolation violation) {
        if (state == HandshakeState.CLOSED) {
            return;
        }
        HandshakeState was = state;
        state = HandshakeState.CLOSED;
        counters.increment(violation.reason().counter());
        log.warn("switch {}: closing connection in {}: {}: {}", who(), was, violation.reason(), violation.getMessage());
        ctx.close();
    }

    private ProtocolViolation unexpected(String what) {
        return new ProtocolViolation(ProtocolViolation.Reason.UNEXPECTED_MESSAGE, "unexpected " + what + " in " + state);
    }

    private void request(ChannelHandlerContext ctx, OFMessage request) {
        awaitedXid = request.getXid();
        ctx.writeAndFlush(request);
    }

    private long nextXid() {
        return session != null ? session.nextXid() : ++awaitedXid & 0xffff;
    }

    private String who() {
        return (session != null ? session.deviceId() + " " : "") + "at " + remote;
    }
}

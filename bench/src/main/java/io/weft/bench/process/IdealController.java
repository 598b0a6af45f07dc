package io.weft.bench.process;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.weft.bench.ofswitch.OfFrameDecoder;
import io.weft.bench.ofswitch.OfWire;
import io.weft.metrics.Counters;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;

/**
 * A controller that does no work: a plain Netty server in this process that asks a switch
 * for its features and answers each packet-in at once with one pre-encoded flow mod carrying
 * its buffer id. What the bench measures against it is the ceiling of this machine and the
 * bench itself: no controller can score more here.
 */
public final class IdealController implements AutoCloseable {
    private final OFVersion version;
    private final Counters counters;
    private final EventLoopGroup group;
    private final byte[] hello;
    private final byte[] featuresRequest;
    private final byte[] flowMod;
    private final int bufferIdOffset;
    private Channel server;

    public IdealController(OFVersion version, Counters counters) {
        this.version = version;
        this.counters = counters;
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, io);
        OFFactory f = OFFactories.getFactory(version);
        this.hello = bytes(version == OFVersion.OF_10 ? f.buildHello().build()
                : f.buildHello().setElements(List.of(f.buildHelloElemVersionbitmap()
                        .setBitmaps(List.of(U32.of(1L << version.getWireVersion()))).build())).build());
        this.featuresRequest = bytes(f.buildFeaturesRequest().setXid(1).build());
        List<OFAction> actions = List.of(f.actions().output(OFPort.of(4), 0xffff));
        var add = f.buildFlowAdd().setBufferId(OFBufferId.of(0)).setIdleTimeout(30).setPriority(10)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build());
        if (version == OFVersion.OF_10) {
            add.setActions(actions);
        } else {
            add.setInstructions(List.of(f.instructions().applyActions(actions)));
        }
        this.flowMod = bytes(add.build());
        this.bufferIdOffset = version == OFVersion.OF_10 ? 64 : 32;
    }

    public InetSocketAddress start() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new Answerer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    private final class Answerer extends OfFrameDecoder {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            ctx.write(Unpooled.wrappedBuffer(hello));
            ctx.writeAndFlush(Unpooled.wrappedBuffer(featuresRequest));
            super.channelActive(ctx);
        }

        @Override
        protected void onBadLength(ChannelHandlerContext ctx, int length) {
            counters.increment("bench.ideal.closed.bad_length");
            ctx.close();
        }

        @Override
        protected void onFrame(ChannelHandlerContext ctx, ByteBuf frame) {
            if (OfWire.type(frame) == OfWire.PACKET_IN && OfWire.version(frame) == version.getWireVersion()) {
                ByteBuf answer = ctx.alloc().buffer(flowMod.length).writeBytes(flowMod);
                answer.setInt(bufferIdOffset, frame.getInt(frame.readerIndex() + 8));
                ctx.write(answer, ctx.voidPromise());
            } else if (OfWire.type(frame) == OfWire.ECHO_REQUEST) {
                ByteBuf reply = ctx.alloc().buffer(frame.readableBytes()).writeBytes(frame, frame.readerIndex(),
                        frame.readableBytes());
                reply.setByte(1, OfWire.ECHO_REPLY);
                ctx.write(reply, ctx.voidPromise());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            super.channelReadComplete(ctx);
            ctx.flush();
        }

        /** A switch gone (reset at the end of a run) or anything else: this connection only. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.increment("bench.ideal.closed.exception");
            ctx.close();
        }
    }

    private static byte[] bytes(org.projectfloodlight.openflow.protocol.OFMessage message) {
        ByteBuf buf = Unpooled.buffer();
        message.writeTo(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

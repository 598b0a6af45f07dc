package io.weft.bench.install;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

/**
 * The install ceiling: a plain Netty server, no controller logic at all, that switches
 * connect to and that writes each one pre-encoded flow mods in one piece, then a barrier,
 * and waits for the barrier replies. What it measures is how fast the emulated switches
 * (and loopback TCP) take flow mods in.
 */
final class RawFlowModWriter implements AutoCloseable {
    private static final long BARRIER_XID = 0x7fff_fff0L;

    private final OFVersion version;
    private final Counters counters;
    private final EventLoopGroup group;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private Channel server;

    /** One switch's connection; the barrier future is touched on its event loop and by the caller between batches. */
    private final class Connection extends OfFrameDecoder {
        private final int barrierReply;
        private final ByteBuf hello;
        private volatile CompletableFuture<Void> barrier = CompletableFuture.completedFuture(null);
        private Channel channel;

        Connection(OFVersion version, ByteBuf hello) {
            this.barrierReply = OfWire.barrierReply(version);
            this.hello = hello;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            channel = ctx.channel();
            ctx.writeAndFlush(hello);
            super.channelActive(ctx);
        }

        @Override
        protected void onBadLength(ChannelHandlerContext ctx, int length) {
            counters.increment("bench.raw_writer.closed.bad_length");
            ctx.close();
        }

        @Override
        protected void onFrame(ChannelHandlerContext ctx, ByteBuf frame) {
            if (OfWire.type(frame) == barrierReply && OfWire.xid(frame) == BARRIER_XID) {
                barrier.complete(null);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            barrier.completeExceptionally(new IllegalStateException("switch disconnected"));
            super.channelInactive(ctx);
        }

        /** A switch gone (reset at the end of a run) or anything else: this connection only. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            counters.increment("bench.raw_writer.closed.exception");
            ctx.close();
        }

        CompletableFuture<Void> send(ByteBuf flowMods, ByteBuf barrierRequest) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            barrier = future;
            channel.write(flowMods, channel.voidPromise());
            channel.writeAndFlush(barrierRequest, channel.voidPromise());
            return future;
        }
    }

    RawFlowModWriter(OFVersion version, int threads, Counters counters) {
        this.version = version;
        this.counters = counters;
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
    }

    InetSocketAddress start() throws InterruptedException {
        OFFactory factory = OFFactories.getFactory(version);
        ByteBuf hello = Unpooled.buffer();
        if (version == OFVersion.OF_10) {
            factory.buildHello().setXid(0).build().writeTo(hello);
        } else {
            factory.buildHello().setXid(0).setElements(List.of(factory.buildHelloElemVersionbitmap()
                    .setBitmaps(List.of(U32.of(1L << version.getWireVersion()))).build())).build().writeTo(hello);
        }
        server = new ServerBootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Connection connection = new Connection(version, hello.retainedDuplicate());
                        channel.pipeline().addLast(connection);
                        connections.add(connection);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    int connections() {
        return connections.size();
    }

    /**
     * Writes {@code perConnection.get(i)} (not released: the caller may send it again) and a
     * barrier to connection {@code i}; completes when every barrier is answered.
     */
    CompletableFuture<Void> send(List<ByteBuf> perConnection) {
        if (perConnection.size() != connections.size()) {
            throw new IllegalArgumentException(perConnection.size() + " batches for " + connections.size()
                    + " connections");
        }
        OFFactory factory = OFFactories.getFactory(version);
        CompletableFuture<?>[] barriers = new CompletableFuture<?>[connections.size()];
        for (int i = 0; i < connections.size(); i++) {
            ByteBuf barrier = Unpooled.buffer(OfWire.HEADER_LENGTH);
            factory.buildBarrierRequest().setXid(BARRIER_XID).build().writeTo(barrier);
            barriers[i] = connections.get(i).send(perConnection.get(i).retainedDuplicate(), barrier);
        }
        return CompletableFuture.allOf(barriers);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        connections.forEach(c -> {
            if (c.channel != null) {
                c.channel.close();
            }
        });
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package io.weft.southbound.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.stats.StatsService;
import io.weft.topology.device.DeviceProviderService;
import io.weft.topology.event.EventDispatcher;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.nio.channels.spi.SelectorProvider;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow southbound: a Netty server that switches connect to (epoll on Linux, NIO
 * elsewhere), and the flow-rule, packet and statistics services apps use over those connections.
 * It registers the gauges {@code openflow.switches.connected} and
 * {@code openflow.barrier.pending_batches}, and counts messages by type ({@link OpenFlowMessageCounter}).
 */
public final class OpenFlowServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenFlowServer.class);
    private static final OpenFlowEncoder ENCODER = new OpenFlowEncoder();

    private final OpenFlowConfig config;
    private final Set<OFVersion> versions = EnumSet.copyOf(VersionNegotiation.SUPPORTED);
    private final SwitchRegistry registry = new SwitchRegistry();
    private final Counters counters;
    private final OpenFlowFlowRuleService flowRules;
    private final OpenFlowPacketService packets;
    private final OpenFlowDeviceProvider provider;
    private final OpenFlowStatsService stats;
    private final OpenFlowMessageCounter messageCounter;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    public OpenFlowServer(OpenFlowConfig config, DeviceProviderService devices, EventDispatcher dispatcher,
                          KeyedSerialExecutor packetExecutor, Counters counters) {
        this.config = config;
        this.counters = counters;
        this.flowRules = new OpenFlowFlowRuleService(registry, dispatcher, counters);
        this.packets = new OpenFlowPacketService(registry, packetExecutor, counters);
        this.provider = new OpenFlowDeviceProvider(devices, packets, flowRules, dispatcher);
        this.stats = new OpenFlowStatsService(registry, Clock.systemUTC(), counters);
        this.messageCounter = new OpenFlowMessageCounter(counters);
        counters.gauge("openflow.switches.connected", registry::size);
        counters.gauge("openflow.barrier.pending_batches", registry::pendingBatches);
    }

    public FlowRuleService flowRules() {
        return flowRules;
    }

    public PacketService packets() {
        return packets;
    }

    public StatsService stats() {
        return stats;
    }

    public SwitchRegistry registry() {
        return registry;
    }

    /** Binds the listening socket; returns the address actually bound (port 0 picks one). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        long spinNanos = config.spinBeforeSleep().toNanos();
        SelectStrategyFactory waiting = spinNanos > 0 ? () -> new SpinThenSleep(spinNanos)
                : DefaultSelectStrategyFactory.INSTANCE;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory(0, waiting)
                : NioIoHandler.newFactory(SelectorProvider.provider(), waiting);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        // Accepting connections needs no haste: the boss sleeps at once.
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeHighWaterBytes() / 2, config.writeHighWaterBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initPipeline(channel);
                    }
                });
        serverChannel = bootstrap.bind(config.address(), config.port()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("OpenFlow server listening on {} ({}, {} event loops, versions {})", bound, epoll ? "epoll" : "nio",
                config.eventLoopThreads(), versions);
        return bound;
    }

    void initPipeline(Channel channel) {
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(config.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new OpenFlowFrameDecoder(config.maxMessageBytes()))
                .addLast("encoder", ENCODER)
                .addLast("count", messageCounter)
                .addLast("switch", new SwitchChannelHandler(config, versions, registry, provider, counters));
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

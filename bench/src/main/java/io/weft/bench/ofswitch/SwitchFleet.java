package io.weft.bench.ofswitch;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.weft.metrics.Counters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A fleet of emulated switches connected to one controller over TCP, on a few event-loop
 * threads of their own. Switches connect one after another, a few milliseconds apart, as
 * switches coming up do; a controller that accepts slowly (ovs-testcontroller gives a
 * handshake one second) is not flooded with simultaneous handshakes.
 */
public final class SwitchFleet implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<EmulatedSwitch> switches = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private SwitchFleet(int threads) {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
    }

    /**
     * Connects {@code count} switches of {@code version} with {@code ports} ports each, waiting
     * {@code interval} between connections; {@code behaviours} makes each switch's behaviour.
     */
    public static SwitchFleet connect(InetSocketAddress controller, int count, OFVersion version, int ports,
                                      Duration interval, int threads, Function<SwitchProfile, SwitchBehaviour> behaviours,
                                      Counters counters) throws InterruptedException {
        SwitchFleet fleet = new SwitchFleet(threads);
        try {
            for (int i = 0; i < count; i++) {
                if (i > 0 && !interval.isZero()) {
                    Thread.sleep(interval.toMillis());
                }
                fleet.connectOne(controller, SwitchProfile.of(i, version, ports), behaviours, counters);
            }
        } catch (RuntimeException | InterruptedException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void connectOne(InetSocketAddress controller, SwitchProfile profile,
                            Function<SwitchProfile, SwitchBehaviour> behaviours, Counters counters)
            throws InterruptedException {
        EmulatedSwitch sw = new EmulatedSwitch(profile, behaviours.apply(profile), counters);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("switch", sw);
                    }
                });
        ChannelFuture connected = bootstrap.connect(controller).await();
        if (!connected.isSuccess()) {
            counters.increment("bench.switch.connect_failures");
            throw new IllegalStateException("switch " + profile.name() + " could not connect to " + controller + ": "
                    + connected.cause().getMessage(), connected.cause());
        }
        switches.add(sw);
        channels.add(connected.channel());
    }

    public List<EmulatedSwitch> switches() {
        return List.copyOf(switches);
    }

    /** Switches whose connection is still open. */
    public long connected() {
        return channels.stream().filter(Channel::isActive).count();
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

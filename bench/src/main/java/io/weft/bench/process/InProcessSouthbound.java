package io.weft.bench.process;

import io.weft.apps.forwarding.ForwardingConfig;
import io.weft.apps.forwarding.ReactiveForwarding;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.openflow.OpenFlowConfig;
import io.weft.southbound.openflow.OpenFlowServer;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Weft's southbound in this process, wired as the controller wires it (devices, events, the
 * OpenFlow server and its flow-rule and packet services), listening on a free loopback port.
 * No apps unless asked for: the install mode alone programs the switches. The barrier
 * timeout is raised so that a batch of a million rules is measured, not timed out; the other
 * bounds are the controller's defaults.
 */
public final class InProcessSouthbound implements AutoCloseable {
    static final Duration BARRIER_TIMEOUT = Duration.ofMinutes(5);

    private final Counters counters = new Counters();
    private final ExecutorService eventPool = Executors.newSingleThreadExecutor(daemon("bench-events"));
    private final ExecutorService packetPool = Executors.newSingleThreadExecutor(daemon("bench-packets"));
    private final KeyedSerialExecutor events = new KeyedSerialExecutor("events", eventPool, 100_000, counters);
    private final KeyedSerialExecutor packets = new KeyedSerialExecutor("packet_in", packetPool, 10_000, counters);
    private final DeviceManager devices;
    private final OpenFlowServer server;

    public InProcessSouthbound() {
        EventDispatcher dispatcher = new EventDispatcher(events, counters);
        this.devices = new DeviceManager(dispatcher);
        OpenFlowConfig defaults = OpenFlowConfig.DEFAULTS;
        OpenFlowConfig config = new OpenFlowConfig("127.0.0.1", 0, defaults.maxMessageBytes(),
                defaults.handshakeTimeout(), defaults.echoInterval(), defaults.echoMisses(),
                defaults.writeHighWaterBytes(), defaults.maxPendingWriteBytes(), BARRIER_TIMEOUT, defaults.eventLoops(),
                defaults.spinBeforeSleep());
        this.server = new OpenFlowServer(config, devices, dispatcher, packets, counters);
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start();
    }

    public FlowRuleService flowRules() {
        return server.flowRules();
    }

    /** Devices that finished the handshake and are connected. */
    public List<Device> activeDevices() {
        return devices.devices().stream().filter(Device::available).toList();
    }

    public Counters counters() {
        return counters;
    }

    /** Adds Weft's MAC-learning forwarding app, as {@code serve --forwarding learning} runs it. */
    public InProcessSouthbound withLearningSwitch() {
        ReactiveForwarding learning = new ReactiveForwarding(ForwardingConfig.DEFAULTS, server.packets(), counters);
        server.packets().addProcessor(0, learning, PacketService.Execution.INLINE);
        devices.addListener(learning::onDeviceEvent);
        return this;
    }

    @Override
    public void close() {
        server.close();
        try {
            packets.shutdown(2_000);
            events.shutdown(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

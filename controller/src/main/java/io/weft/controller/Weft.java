package io.weft.controller;

import io.weft.apps.forwarding.ReactiveForwarding;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.openflow.OpenFlowServer;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: the one place that knows every module and wires them together
 * with constructor injection.
 */
public final class Weft implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Weft.class);
    /** Packet processors run in this order; forwarding is last so other apps see packets first. */
    static final int FORWARDING_ORDER = 1000;

    private final WeftConfig config;
    private final Counters counters = new Counters();
    private final KeyedSerialExecutor events;
    private final KeyedSerialExecutor packetIns;
    private final DeviceManager devices;
    private final OpenFlowServer openflow;
    private InetSocketAddress openflowAddress;

    public Weft(WeftConfig config) {
        this.config = config;
        this.events = new KeyedSerialExecutor("events", pool("weft-events", 1), 100_000, counters);
        this.packetIns = new KeyedSerialExecutor("packet_in", pool("weft-packets", config.workerThreads()),
                config.packetInQueue(), counters);
        EventDispatcher dispatcher = new EventDispatcher(events, counters);
        this.devices = new DeviceManager(dispatcher);
        this.openflow = new OpenFlowServer(config.openflow(), devices, dispatcher, packetIns, counters);
        ReactiveForwarding forwarding = new ReactiveForwarding(config.forwarding(), openflow.flowRules(),
                openflow.packets(), counters);
        openflow.packets().addProcessor(FORWARDING_ORDER, forwarding);
        devices.addListener(forwarding::onDeviceEvent);
    }

    public Weft start() throws InterruptedException {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        if (!Files.isWritable(config.dataDir())) {
            throw new ConfigException("data directory " + config.dataDir().toAbsolutePath() + " is not writable");
        }
        openflowAddress = openflow.start();
        log.info("Weft ready: OpenFlow on {}:{}, data in {}", openflowAddress.getHostString(),
                openflowAddress.getPort(), config.dataDir().toAbsolutePath());
        return this;
    }

    public Counters counters() {
        return counters;
    }

    public DeviceManager devices() {
        return devices;
    }

    public InetSocketAddress openflowAddress() {
        return openflowAddress;
    }

    @Override
    public void close() throws InterruptedException {
        openflow.close();
        packetIns.shutdown(2_000);
        events.shutdown(2_000);
        log.info("Weft stopped; counters: {}", counters.snapshot());
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}

package io.weft.controller;

import io.weft.apps.forwarding.ReactiveForwarding;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.northbound.RestApi;
import io.weft.southbound.api.AppId;
import io.weft.southbound.openflow.OpenFlowServer;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.host.HostConfig;
import io.weft.topology.host.HostManager;
import io.weft.topology.link.LinkManager;
import io.weft.topology.path.LinkWeigher;
import io.weft.topology.path.TopologyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    /** Where the generated admin token is kept, in the data directory, when none is configured. */
    static final String ADMIN_TOKEN_FILE = "admin-token";
    /** The apps that own flow rules, so the REST API can name a rule's owner from its cookie. */
    private static final List<AppId> APPS = List.of(AppId.CORE, ReactiveForwarding.APP);

    private final WeftConfig config;
    private final Counters counters = new Counters();
    private final KeyedSerialExecutor events;
    private final KeyedSerialExecutor packetIns;
    private final DeviceManager devices;
    private final LinkManager links;
    private final HostManager hosts;
    private final TopologyManager topology;
    private final OpenFlowServer openflow;
    private InetSocketAddress openflowAddress;
    private RestApi api;
    private InetSocketAddress apiAddress;

    public Weft(WeftConfig config) {
        this.config = config;
        this.events = new KeyedSerialExecutor("events", pool("weft-events", 1), 100_000, counters);
        this.packetIns = new KeyedSerialExecutor("packet_in", pool("weft-packets", config.workerThreads()),
                config.packetInQueue(), counters);
        EventDispatcher dispatcher = new EventDispatcher(events, counters);
        this.devices = new DeviceManager(dispatcher);
        Clock clock = Clock.systemUTC();
        this.links = new LinkManager(dispatcher, clock, Duration.ofSeconds(10));
        this.hosts = new HostManager(dispatcher, clock, HostConfig.DEFAULTS, counters);
        this.topology = new TopologyManager(devices, links, dispatcher, clock, Duration.ofSeconds(1),
                LinkWeigher.HOP_COUNT);
        devices.addListener(links::onDeviceEvent);
        devices.addListener(hosts::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
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
        startApi();
        log.info("Weft ready: OpenFlow on {}:{}, data in {}", openflowAddress.getHostString(),
                openflowAddress.getPort(), config.dataDir().toAbsolutePath());
        return this;
    }

    /** The REST API, with the configured token or else the one kept in the data directory. */
    private void startApi() {
        String token = config.api().adminToken().orElseGet(() -> {
            Path file = config.dataDir().resolve(ADMIN_TOKEN_FILE);
            String generated = SecretFile.readOrCreate(file, 32);
            log.info("REST API admin token (no token configured): in {}", file.toAbsolutePath());
            return generated;
        });
        api = new RestApi(config.api(), token, devices, links, hosts, topology, openflow.flowRules(), APPS, counters);
        apiAddress = api.start();
        log.info("REST API on {}:{}", apiAddress.getHostString(), apiAddress.getPort());
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

    public InetSocketAddress apiAddress() {
        return apiAddress;
    }

    @Override
    public void close() throws InterruptedException {
        if (api != null) {
            api.close();
        }
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

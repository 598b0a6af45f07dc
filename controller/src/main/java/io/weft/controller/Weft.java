package io.weft.controller;

import io.weft.apps.forwarding.PathForwarding;
import io.weft.apps.forwarding.ReactiveForwarding;
import io.weft.apps.proxyarp.ProxyArp;
import io.weft.apps.vnet.VnetApp;
import io.weft.apps.vnet.VnetCompiler;
import io.weft.apps.vnet.VnetStats;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.controller.store.EmbeddedStore;
import io.weft.metrics.Counters;
import io.weft.metrics.RateGauge;
import io.weft.northbound.RestApi;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.TenantServices;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.audit.FlowAudit;
import io.weft.southbound.discovery.DiscoveryConfig;
import io.weft.southbound.discovery.HostLearner;
import io.weft.southbound.discovery.LinkDiscovery;
import io.weft.southbound.openflow.OpenFlowServer;
import io.weft.southbound.retry.RetryingFlowRuleService;
import io.weft.southbound.stats.LatestStats;
import io.weft.southbound.stats.StatsCollector;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.host.HostManager;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.LinkManager;
import io.weft.topology.path.LinkWeigher;
import io.weft.topology.path.TopologyManager;
import io.weft.topology.store.Store;
import io.weft.topology.virtual.VirtualNetworkAdmin;
import io.weft.topology.virtual.VirtualNetworkConfig;
import io.weft.topology.virtual.VirtualNetworkManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: the one place that knows every module and wires them together
 * with constructor injection.
 */
public final class Weft implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Weft.class);
    /** Packet processors run in this order: discovery takes its probes, hosts are learned, ARP answered, then forwarding. */
    static final int DISCOVERY_ORDER = 0;
    /** Tenants' traffic is taken before default host learning and forwarding can see it. */
    static final int VIRTUAL_NETWORKS_ORDER = 50;
    static final int HOST_LEARNING_ORDER = 100;
    static final int PROXY_ARP_ORDER = 500;
    static final int FORWARDING_ORDER = 1000;
    /** The discovery signing secret's file in the data directory, when the config gives none. */
    static final String LLDP_SECRET_FILE = "lldp-secret";
    /** Where the generated admin token is kept, in the data directory, when none is configured. */
    static final String ADMIN_TOKEN_FILE = "admin-token";
    /** The window over which the per-second rates of /metrics are measured. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** The apps that own flow rules, so the REST API can name a rule's owner from its cookie. */
    private static final List<AppId> APPS = List.of(AppId.CORE, ReactiveForwarding.APP,
            LinkDiscovery.DISCOVERY, PathForwarding.APP, VnetCompiler.APP);

    private final WeftConfig config;
    private final Counters counters = new Counters();
    private final KeyedSerialExecutor events;
    private final KeyedSerialExecutor packetIns;
    private final ScheduledExecutorService timers;
    private final EventDispatcher dispatcher;
    private final DeviceManager devices;
    private final LinkManager links;
    private final HostManager hosts;
    private final TopologyManager topology;
    private final OpenFlowServer openflow;
    private final RetryingFlowRuleService flowRules;
    private final EventJournal journal;
    private final StatsCollector stats;
    private final Clock clock;
    private InetSocketAddress openflowAddress;
    private Store store;
    /** Read by the topology's reserved-port check from the first event on, so volatile; null before start. */
    private volatile VirtualNetworkManager virtualNetworks;
    private ExecutorService vnetCompiles;
    private ExecutorService audits;
    private VnetApp vnet;
    private VirtualNetworkAdmin virtualNetworkAdmin;
    private RestApi api;
    private InetSocketAddress apiAddress;
    private InetSocketAddress grpcAddress;

    public Weft(WeftConfig config) {
        this.config = config;
        this.events = new KeyedSerialExecutor("events", pool("weft-events", 1), 100_000, counters);
        this.packetIns = new KeyedSerialExecutor("packet_in", pool("weft-packets", config.workerThreads()),
                config.packetInQueue(), counters);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("weft-timers"));
        this.dispatcher = new EventDispatcher(events, counters);
        Clock clock = Clock.systemUTC();
        this.devices = new DeviceManager(dispatcher);
        this.links = new LinkManager(dispatcher, clock, config.discovery().linkTimeout(), counters);
        this.hosts = new HostManager(dispatcher, clock, config.hosts(), counters);
        // Tenants' attachment ports are never edge ports of default forwarding; tenants come from the store at start.
        this.topology = new TopologyManager(devices, links, dispatcher, clock, config.discovery().edgeSettle(),
                LinkWeigher.HOP_COUNT, this::isAttachment);
        // Links and hosts react to a device change before the topology snapshot is rebuilt from them.
        devices.addListener(links::onDeviceEvent);
        devices.addListener(hosts::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
        this.openflow = new OpenFlowServer(config.openflow(), devices, dispatcher, packetIns, counters);
        // Apps and APIs program switches through the retrier: rules a switch refuses are sent again, visibly.
        this.flowRules = new RetryingFlowRuleService(openflow.flowRules(), config.flowRetry(), clock,
                () -> ThreadLocalRandom.current().nextDouble(), counters);
        devices.addListener(flowRules::onDeviceEvent);
        // Each request of a poll times out after the barrier timeout; the collector gives the whole poll twice that.
        this.stats = new StatsCollector(openflow.stats(), devices, config.statsInterval(),
                config.openflow().barrierTimeout().multipliedBy(2), clock, counters);
        devices.addListener(stats::onDeviceEvent);
        this.clock = clock;
        this.journal = new EventJournal(config.events(), EventJournal.firstRevisionAt(clock.instant()), clock,
                counters);
        wireForwarding();
    }

    private boolean isAttachment(ConnectPoint point) {
        VirtualNetworkManager tenants = virtualNetworks;
        return tenants != null && tenants.isReserved(point);
    }

    /** Discovery needs the signing secret, which may live in the data directory: wired at start. */
    private void startDiscovery() {
        DiscoverySettings settings = config.discovery();
        byte[] secret = settings.secret()
                .orElseGet(() -> SecretFile.readOrCreate(config.dataDir().resolve(LLDP_SECRET_FILE), 32))
                .getBytes(StandardCharsets.UTF_8);
        DiscoveryConfig discoveryConfig = new DiscoveryConfig(settings.probeInterval(), settings.probeMaxAge(),
                DiscoveryConfig.DEFAULTS.maxClockSkew());
        LinkDiscovery discovery = new LinkDiscovery(discoveryConfig, secret, devices, hosts, links,
                openflow.packets(), flowRules, clock, counters);
        // Both decide in microseconds without blocking: inline, on the switch's event loop.
        openflow.packets().addProcessor(DISCOVERY_ORDER, discovery, PacketService.Execution.INLINE);
        openflow.packets().addProcessor(HOST_LEARNING_ORDER, new HostLearner(topology, hosts, counters),
                PacketService.Execution.INLINE);
        devices.addListener(discovery::onDeviceEvent);
        long interval = settings.probeInterval().toMillis();
        timers.scheduleWithFixedDelay(discovery::probeAll, interval, interval, TimeUnit.MILLISECONDS);
        long joinedCheck = Math.max(50, interval / 8);
        timers.scheduleWithFixedDelay(discovery::probeAllIfJoined, joinedCheck, joinedCheck, TimeUnit.MILLISECONDS);
    }

    private void wireForwarding() {
        PacketService packets = openflow.packets();
        if (config.forwardingMode() == ForwardingMode.LEARNING) {
            ReactiveForwarding learning = new ReactiveForwarding(config.forwarding(), packets, counters);
            packets.addProcessor(FORWARDING_ORDER, learning, PacketService.Execution.INLINE);
            devices.addListener(learning::onDeviceEvent);
            return;
        }
        packets.addProcessor(PROXY_ARP_ORDER, new ProxyArp(topology, hosts, packets, counters),
                PacketService.Execution.INLINE);
        // Computing a path and installing it along the way may take long: on the workers.
        PathForwarding forwarding = new PathForwarding(config.forwarding(), topology, hosts, flowRules, packets,
                counters);
        packets.addProcessor(FORWARDING_ORDER, forwarding);
        topology.addListener(forwarding::onTopologyEvent);
        hosts.addListener(forwarding::onHostEvent);
        flowRules.addFlowRemovedListener(forwarding::onFlowRemoved);
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
        store = EmbeddedStore.open(config.dataDir(), EmbeddedStore.DEFAULT_HISTORY, counters);
        startVirtualNetworks();
        startDiscovery();
        long ageCheck = Math.max(100, config.discovery().probeInterval().toMillis() / 2);
        timers.scheduleWithFixedDelay(links::expire, ageCheck, ageCheck, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(hosts::expire, 1, 1, TimeUnit.SECONDS);
        RateGauge packetIns = RateGauge.register(counters, "openflow.messages.in.packet_in",
                "openflow.packet_ins_per_second", RATE_WINDOW, clock);
        RateGauge flowMods = RateGauge.register(counters, "openflow.messages.out.flow_mod",
                "openflow.flow_mods_per_second", RATE_WINDOW, clock);
        timers.scheduleWithFixedDelay(() -> {
            packetIns.sample();
            flowMods.sample();
        }, 0, 1, TimeUnit.SECONDS);
        // Each switch is polled once per stats-interval, at its own offset within it: often looked at, rarely asked.
        long statsTick = stats.tick().toMillis();
        timers.scheduleWithFixedDelay(stats::pollDue, statsTick, statsTick, TimeUnit.MILLISECONDS);
        long retryTick = config.flowRetry().tick().toMillis();
        timers.scheduleWithFixedDelay(flowRules::sendDue, retryTick, retryTick, TimeUnit.MILLISECONDS);
        openflowAddress = openflow.start();
        startApi();
        log.info("Weft ready: OpenFlow on {}:{}, data in {}", openflowAddress.getHostString(),
                openflowAddress.getPort(), config.dataDir().toAbsolutePath());
        return this;
    }

    /** Tenants and their networks, read from the store before anything can change them. */
    private void startVirtualNetworks() {
        virtualNetworks = new VirtualNetworkManager(store, dispatcher, VirtualNetworkConfig.DEFAULTS, counters);
        // Before the tenants load, so the journal holds them (as ADDED events) as well as every later change.
        journal.follow(devices, links, hosts, virtualNetworks, flowRules);
        virtualNetworks.start();
        virtualNetworkAdmin = new VirtualNetworkAdmin(store, virtualNetworks, VirtualNetworkConfig.DEFAULTS, counters);
        vnetCompiles = Executors.newSingleThreadExecutor(daemon("weft-vnet"));
        // Switches' rules are judged only once the view they are judged by is rebuilt: the same hold for both audits.
        Duration hold = adoptHold(config.discovery());
        vnet = new VnetApp(virtualNetworks, virtualNetworks, topology, devices, flowRules, vnetCompiles,
                clock, hold, counters);
        timers.scheduleWithFixedDelay(vnet::expireHolds, 1, 1, TimeUnit.SECONDS);
        long audit = config.flowAuditInterval().toMillis();
        timers.scheduleWithFixedDelay(vnet::audit, audit, audit, TimeUnit.MILLISECONDS);
        // The tenants' rules are judged against the networks by the app itself; the rest against the flow table.
        FlowAudit.Settings settings = new FlowAudit.Settings(config.flowAuditInterval(), hold, config.foreignRules());
        audits = Executors.newSingleThreadExecutor(daemon("weft-audit"));
        FlowAudit rules = new FlowAudit(flowRules, audits,
                rule -> Cookies.appId(rule.cookie()) != VnetCompiler.APP.id(), settings, clock, counters);
        devices.addListener(rules::onDeviceEvent);
        timers.scheduleWithFixedDelay(rules::tick, 1, 1, TimeUnit.SECONDS);
        virtualNetworks.addListener(vnet::onVirtualNetworkEvent);
        topology.addListener(vnet::onTopologyEvent);
        devices.addListener(vnet::onDeviceEvent);
        openflow.packets().addProcessor(VIRTUAL_NETWORKS_ORDER,
                vnet.packetProcessor(openflow.packets(), virtualNetworks, virtualNetworks),
                PacketService.Execution.INLINE);
        vnet.requestCompile();
    }

    /**
     * How long rules of live networks that a connecting switch still holds are kept before they
     * are judged: the time discovery needs to see every link again and ports to settle.
     */
    static Duration adoptHold(DiscoverySettings discovery) {
        return discovery.probeInterval().multipliedBy(2).plus(discovery.edgeSettle());
    }

    /** The REST and gRPC APIs, with the configured token or else the one kept in the data directory. */
    private void startApi() {
        String token = config.api().adminToken().orElseGet(() -> {
            Path file = config.dataDir().resolve(ADMIN_TOKEN_FILE);
            String generated = SecretFile.readOrCreate(file, 32);
            log.info("REST API admin token (no token configured): in {}", file.toAbsolutePath());
            return generated;
        });
        TenantServices tenants = new TenantServices(virtualNetworks, virtualNetworkAdmin, vnet,
                new VnetStats(virtualNetworks, stats));
        api = new RestApi(config.api(), token, devices, links, hosts, topology, flowRules, stats, APPS,
                tenants, journal, counters);
        apiAddress = api.start();
        grpcAddress = api.grpcAddress();
        log.info("REST API on {}:{}, gRPC API on {}:{}", apiAddress.getHostString(), apiAddress.getPort(),
                grpcAddress.getHostString(), grpcAddress.getPort());
    }

    public Counters counters() {
        return counters;
    }

    public DeviceManager devices() {
        return devices;
    }

    public LinkManager links() {
        return links;
    }

    public HostManager hosts() {
        return hosts;
    }

    public TopologyManager topology() {
        return topology;
    }

    /** The latest statistics of each connected switch, polled every {@code stats-interval}. */
    public LatestStats stats() {
        return stats;
    }

    /** Tenants and their virtual networks, as the store holds them; null before {@link #start}. */
    public VirtualNetworkManager virtualNetworks() {
        return virtualNetworks;
    }

    /** The virtual-network compiler's driver; null before {@link #start}. */
    public VnetApp vnet() {
        return vnet;
    }

    /** The durable store in the data directory; null before {@link #start}. */
    public Store store() {
        return store;
    }

    public InetSocketAddress openflowAddress() {
        return openflowAddress;
    }

    public InetSocketAddress apiAddress() {
        return apiAddress;
    }

    /** Every event, numbered, for clients that follow changes. */
    public EventJournal journal() {
        return journal;
    }

    /** Where the gRPC API listens: the REST address unless it has a port of its own; null before {@link #start}. */
    public InetSocketAddress grpcAddress() {
        return grpcAddress;
    }

    @Override
    public void close() throws InterruptedException {
        timers.shutdownNow();
        // Event streams end with a last "shutdown" event rather than being cut by the server's stop.
        journal.close();
        if (api != null) {
            api.close();
        }
        // Before the event executor stops: the store's watch must not post into it any more.
        if (virtualNetworks != null) {
            virtualNetworks.close();
        }
        if (audits != null) {
            audits.shutdownNow();
        }
        if (vnetCompiles != null) {
            vnetCompiles.shutdownNow();
        }
        openflow.close();
        packetIns.shutdown(2_000);
        events.shutdown(2_000);
        if (store != null) {
            store.close();
        }
        log.info("Weft stopped; counters: {}", counters.snapshot());
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, daemon(name));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

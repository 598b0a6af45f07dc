package io.weft.northbound;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.events.EventJournalConfig;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.DeviceStats;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.device.Port;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.host.HostConfig;
import io.weft.topology.host.HostKey;
import io.weft.topology.host.HostManager;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkManager;
import io.weft.topology.path.LinkWeigher;
import io.weft.topology.path.TopologyManager;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkStats;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.TestTenants;
import io.weft.topology.virtual.VirtualLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * The real topology managers, wired as the controller wires them and fed by hand, with events
 * delivered on the calling thread; and the northbound (REST, and gRPC beside it) over them on a free port.
 */
final class TestNetwork {
    static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    static final DeviceId S2 = DeviceIds.fromDatapathId(2);
    static final DeviceId S3 = DeviceIds.fromDatapathId(3);
    static final DeviceId S4 = DeviceIds.fromDatapathId(4);
    static final String TOKEN = "test-admin-token-0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final AppId FORWARDING = new AppId(1, "forwarding");
    static final TenantId BLUE = new TenantId("blue");
    static final NetworkId WEB = new NetworkId(BLUE, "web");
    static final NetworkId LAB = new NetworkId(BLUE, "lab");
    static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0", "None",
            "OF_13");

    final Counters counters = new Counters();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final EventDispatcher dispatcher = new EventDispatcher(
            new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 10_000, counters), counters);
    final DeviceManager devices = new DeviceManager(dispatcher);
    final LinkManager links = new LinkManager(dispatcher, clock, Duration.ofSeconds(10), counters);
    final HostManager hosts = new HostManager(dispatcher, clock, HostConfig.DEFAULTS, counters);
    final TopologyManager topology = new TopologyManager(devices, links, dispatcher, clock, Duration.ofSeconds(1),
            LinkWeigher.HOP_COUNT);
    final InMemoryFlowRuleService flowRules = new InMemoryFlowRuleService();
    final TestTenants tenants = new TestTenants(dispatcher, counters);
    /** What the (absent) compiler says of each virtual link; tests put what they need. */
    final Map<VirtualLink, LinkRealization> realized = new ConcurrentHashMap<>();
    /** Every event from here on, numbered from revision 1. */
    final EventJournal journal;
    /** The latest statistics of each device, as a collector would hold them; tests put what they need. */
    final Map<DeviceId, DeviceStats> stats = new ConcurrentHashMap<>();
    /** Each network's edge traffic, as the (absent) compiler would compute it; none: not collected. */
    final Map<NetworkId, VirtualNetworkStats> networkStats = new ConcurrentHashMap<>();

    TestNetwork() {
        this(EventJournalConfig.DEFAULTS);
    }

    TestNetwork(EventJournalConfig events) {
        devices.addListener(links::onDeviceEvent);
        devices.addListener(hosts::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
        journal = new EventJournal(events, 1, clock, counters);
        journal.follow(devices, links, hosts, tenants.manager, flowRules);
    }

    /**
     * s1 - s2 - s3 in a line (s1/2-s2/2, s2/3-s3/2), s4 alone; h1 (10.0.0.1) at s1/1,
     * h3 (10.0.0.3) at s3/1, h4 at s4/1.
     */
    static TestNetwork linearWithIsland() {
        TestNetwork net = new TestNetwork();
        net.connect(S1, 2);
        net.connect(S2, 3);
        net.connect(S3, 2);
        net.connect(S4, 1);
        net.cable(S1, 2, S2, 2);
        net.cable(S2, 3, S3, 2);
        net.host(1, S1, 1, "10.0.0.1");
        net.host(3, S3, 1, "10.0.0.3");
        net.host(4, S4, 1, "10.0.0.4");
        return net;
    }

    static Port port(DeviceId device, long n) {
        long dpid = DeviceIds.datapathId(device);
        return new Port(PortNumber.portNumber(n), "s" + dpid + "-eth" + n,
                MacAddress.valueOf(0xbeef00000000L | dpid << 8 | n), true, 10_000);
    }

    void connect(DeviceId device, int ports) {
        devices.deviceConnected(device, OVS, LongStream.rangeClosed(1, ports).mapToObj(n -> port(device, n)).toList());
    }

    /** A cable: a link in each direction. */
    void cable(DeviceId a, long portA, DeviceId b, long portB) {
        Link link = new Link(new ConnectPoint(a, PortNumber.portNumber(portA)),
                new ConnectPoint(b, PortNumber.portNumber(portB)));
        links.linkSeen(link);
        links.linkSeen(link.reversed());
    }

    void host(long mac, DeviceId device, long port, String ip) {
        hosts.hostSeen(HostKey.untagged(MacAddress.valueOf(mac)), new ConnectPoint(device, PortNumber.portNumber(port)),
                Optional.of(IpAddress.valueOf(ip)));
    }

    void taggedHost(long mac, short vlan, DeviceId device, long port) {
        hosts.hostSeen(new HostKey(MacAddress.valueOf(mac), VlanId.vlanId(vlan)),
                new ConnectPoint(device, PortNumber.portNumber(port)), Optional.empty());
    }

    /** When {@link #retriedRules} says the first is sent again. */
    static final Instant NEXT_RETRY = Instant.parse("2026-01-02T03:04:09Z");

    /**
     * Two rules of forwarding on a refusing {@code device}, shown as a retrier would: priority 4
     * retried twice and due again at {@link #NEXT_RETRY}, priority 3 given up after 6 attempts.
     */
    void retriedRules(DeviceId device) {
        FlowRule retried = new FlowRule(device, 0, 4, TrafficMatch.ANY, List.of(), Cookies.cookie(FORWARDING, 0), 0, 0);
        FlowRule givenUp = new FlowRule(device, 0, 3, TrafficMatch.ANY, List.of(), Cookies.cookie(FORWARDING, 0), 0, 0);
        flowRules.install(retried);
        flowRules.install(givenUp);
        flowRules.retrying(retried, 2, Optional.of(NEXT_RETRY))
                .givenUp(givenUp, 6, "gave up after 6 attempt(s): TABLE_FULL");
    }

    RestApi api() {
        return api(ApiConfig.DEFAULTS.withAddress("127.0.0.1").withPort(0));
    }

    RestApi api(ApiConfig config) {
        return new RestApi(config, TOKEN, devices, links, hosts, topology, flowRules,
                device -> Optional.ofNullable(stats.get(device)), List.of(AppId.CORE, FORWARDING), tenantServices(),
                journal, counters);
    }

    /**
     * Tenant blue: att-1 (s1/1), att-2 (s3/1, VLAN 10); network web, a big switch with port 1 on
     * att-1 and host h1 there; network lab, custom, vs1:1 linked to vs2:1. Returns blue's token.
     */
    String blueTenant() {
        VirtualNetworkAdminService admin = tenants.admin;
        String token = admin.createTenant(BLUE).token();
        admin.createAttachment(BLUE, new ConnectPoint(S1, PortNumber.portNumber(1)), Optional.empty());
        admin.createAttachment(BLUE, new ConnectPoint(S3, PortNumber.portNumber(1)),
                Optional.of(VlanId.vlanId((short) 10)));
        admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH);
        VirtualPortId port = admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-1")).id();
        admin.declareHost(WEB, MacAddress.valueOf(1), Set.of(IpAddress.valueOf("10.0.0.1")), port);
        admin.createNetwork(LAB, VirtualNetwork.Kind.CUSTOM);
        admin.addSwitch(LAB, "vs1");
        admin.addSwitch(LAB, "vs2");
        admin.addLink(LAB, admin.addPort(LAB, "vs1", Optional.empty()).id(),
                admin.addPort(LAB, "vs2", Optional.empty()).id());
        return token;
    }

    TenantServices tenantServices() {
        return new TenantServices(tenants.manager, tenants.admin,
                link -> realized.getOrDefault(link, LinkRealization.UNKNOWN),
                network -> Optional.ofNullable(networkStats.get(network)));
    }
}

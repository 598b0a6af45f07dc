package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.apps.fabric.Frames;
import io.weft.apps.forwarding.ForwardingConfig;
import io.weft.apps.forwarding.PathForwarding;
import io.weft.apps.proxyarp.ProxyArp;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.discovery.HostLearner;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.store.local.InMemoryStore;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdmin;
import io.weft.topology.virtual.VirtualNetworkConfig;
import io.weft.topology.virtual.VirtualNetworkManager;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * The app over the real tenant services on the in-memory fabric: a ring of four switches, port
 * 1 of each to port 2 of the next, ports 3..8 facing hosts. Tenants blue and red each have a
 * big switch with attachments at port 3 (blue) and port 4 (red) of s1 and s3, and their hosts
 * use the same MACs; port 5 of every switch belongs to no tenant. Default path forwarding, host
 * learning and proxy ARP run as in the controller, in the controller's order.
 */
class VnetAppTest {
    private static final MacAddress A = MacAddress.valueOf("02:00:00:00:00:0a");
    private static final MacAddress B = MacAddress.valueOf("02:00:00:00:00:0b");

    private final Fabric fabric = new Fabric(p -> this.manager.isReserved(p));
    private final InMemoryStore store = new InMemoryStore();
    private final VirtualNetworkManager manager = new VirtualNetworkManager(store, fabric.dispatcher,
            VirtualNetworkConfig.DEFAULTS, fabric.counters);
    private final VirtualNetworkAdmin admin = new VirtualNetworkAdmin(store, manager, VirtualNetworkConfig.DEFAULTS,
            fabric.counters);
    private static final Duration HOLD = Duration.ofSeconds(5);

    private final VnetApp app = new VnetApp(manager, manager, fabric.topology, fabric.devices, fabric, Runnable::run,
            fabric.clock, HOLD, fabric.counters);

    @BeforeEach
    void wire() {
        // The app hears switches connect, as in the controller, where it is wired before OpenFlow starts.
        fabric.devices.addListener(app::onDeviceEvent);
        for (int s = 1; s <= 4; s++) {
            fabric.addSwitch(s, 8);
        }
        for (int s = 1; s <= 4; s++) {
            fabric.cable(point(s, 1), point(s % 4 + 1, 2));
        }
        manager.start();
        manager.addListener(app::onVirtualNetworkEvent);
        fabric.topology.addListener(app::onTopologyEvent);
        PathForwarding forwarding = new PathForwarding(ForwardingConfig.DEFAULTS, fabric.topology, fabric.hosts,
                fabric, fabric, fabric.counters);
        fabric.addProcessor(50, app.packetProcessor(fabric, manager, manager));
        fabric.addProcessor(100, new HostLearner(fabric.topology, fabric.hosts, fabric.counters));
        fabric.addProcessor(500, new ProxyArp(fabric.topology, fabric.hosts, fabric, fabric.counters));
        fabric.addProcessor(1000, forwarding);
        fabric.topology.addListener(forwarding::onTopologyEvent);
        fabric.hosts.addListener(forwarding::onHostEvent);
        fabric.settle();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A big switch of {@code tenant} with attachments at {@code port} of s1 and s3, host A at s1 and B at s3. */
    private NetworkId bigSwitch(String tenant, int port) {
        TenantId id = new TenantId(tenant);
        admin.createTenant(id);
        NetworkId network = new NetworkId(id, "web");
        admin.createNetwork(network, VirtualNetwork.Kind.BIG_SWITCH);
        VirtualPortId one = bind(network, point(1, port));
        VirtualPortId three = bind(network, point(3, port));
        admin.declareHost(network, A, Set.of(IpAddress.valueOf("10.0.0.1")), one);
        admin.declareHost(network, B, Set.of(IpAddress.valueOf("10.0.0.2")), three);
        return network;
    }

    private VirtualPortId bind(NetworkId network, ConnectPoint point) {
        Attachment attachment = admin.createAttachment(network.tenant(), point, Optional.empty());
        return admin.addPort(network, VirtualPort.BIG_SWITCH, Optional.of(attachment.id())).id();
    }

    private List<FlowRule> rulesOf(NetworkId network) {
        long cookie = VnetCompiler.cookie(manager.network(network).orElseThrow());
        return fabric.tables.values().stream().flatMap(List::stream).filter(r -> r.cookie() == cookie).toList();
    }

    @Test
    void aBigSwitchIsCompiledOntoTheFabricAsItIsDefined() {
        NetworkId blue = bigSwitch("blue", 3);

        assertThat(rulesOf(blue)).isNotEmpty();
        assertThat(fabric.trace(point(1, 3), A, B).exit()).contains(point(3, 3));
        assertThat(fabric.trace(point(3, 3), B, A).exit()).contains(point(1, 3));
        assertThat(app.installed(Fabric.device(1))).containsExactlyInAnyOrderElementsOf(fabric.tables.get(
                Fabric.device(1)).stream().filter(r -> VnetCompiler.tagOf(r.cookie()).isPresent()).toList());
    }

    @Test
    void twoNetworksWithTheSameMacsNeverCross() {
        bigSwitch("blue", 3);
        bigSwitch("red", 4);

        assertThat(fabric.trace(point(1, 3), A, B).exit()).contains(point(3, 3));
        assertThat(fabric.trace(point(1, 4), A, B).exit()).contains(point(3, 4));
        assertThat(fabric.send(point(1, 3), Frames.unicast(1, 99))).containsOnly(point(3, 3));
        assertThat(fabric.send(point(3, 4), VnetLab.frame(B, MacAddress.BROADCAST,
                VlanId.NONE, Ethernet.TYPE_IPV4))).containsOnly(point(1, 4));
    }

    @Test
    void deletingANetworkRemovesItsRulesAndLeavesTheOthers() {
        NetworkId blue = bigSwitch("blue", 3);
        NetworkId red = bigSwitch("red", 4);
        long blueCookie = VnetCompiler.cookie(manager.network(blue).orElseThrow());
        List<FlowRule> redBefore = rulesOf(red);

        admin.deleteNetwork(blue);

        assertThat(fabric.tables.values().stream().flatMap(List::stream)).noneMatch(r -> r.cookie() == blueCookie);
        assertThat(rulesOf(red)).containsExactlyInAnyOrderElementsOf(redBefore);
        assertThat(fabric.trace(point(1, 4), A, B).exit()).contains(point(3, 4));
    }

    @Test
    void aLinkGoingDownReroutesTheNetwork() {
        bigSwitch("blue", 3);
        Fabric.Trace before = fabric.trace(point(1, 3), A, B);
        Link used = before.crossed().get(0);

        fabric.portDown(used.src());

        Fabric.Trace after = fabric.trace(point(1, 3), A, B);
        assertThat(after.exit()).contains(point(3, 3));
        assertThat(after.crossed()).isNotEmpty().doesNotContain(used);
        assertThat(fabric.trace(point(3, 3), B, A).exit()).contains(point(1, 3));
    }

    @Test
    void aSwitchThatReconnectsIsSentItsRulesAgain() {
        bigSwitch("blue", 3);
        List<FlowRule> held = List.copyOf(fabric.tables.get(Fabric.device(3)));
        fabric.tables.get(Fabric.device(3)).clear();

        fabric.devices.deviceDisconnected(Fabric.device(3));
        fabric.addSwitch(3, 8);
        fabric.cable(point(2, 1), point(3, 2)).cable(point(3, 1), point(4, 2));

        assertThat(fabric.tables.get(Fabric.device(3))).containsAll(held);
        assertThat(fabric.trace(point(1, 3), A, B).exit()).contains(point(3, 3));
    }

    /** Switch 3 goes away and comes back, as after a controller restart or a cut control link. */
    private void reconnect3() {
        fabric.devices.deviceDisconnected(Fabric.device(3));
        fabric.addSwitch(3, 8);
        fabric.cable(point(2, 1), point(3, 2)).cable(point(3, 1), point(4, 2));
    }

    /** What the app sent switch 3 (the others see the ring lose its links to s3 and get them back). */
    private List<FlowOperation> vnetOperationsOn3() {
        return fabric.applied.stream().filter(op -> op.rule().device().equals(Fabric.device(3)))
                .filter(op -> VnetCompiler.tagOf(op.rule().cookie()).isPresent()).toList();
    }

    @Test
    void aSwitchThatReconnectsWithItsRulesIsSentNothing() {
        bigSwitch("blue", 3);
        List<FlowRule> held = List.copyOf(fabric.tables.get(Fabric.device(3)));
        fabric.applied.clear();
        long reads = fabric.counters.get("vnet.reconcile.reads");

        reconnect3();

        assertThat(vnetOperationsOn3()).isEmpty();
        assertThat(fabric.tables.get(Fabric.device(3))).containsExactlyInAnyOrderElementsOf(held);
        assertThat(fabric.counters.get("vnet.reconcile.reads")).isEqualTo(reads + 1);
    }

    @Test
    void aRuleOfANetworkThatIsGoneIsRemovedAsSoonAsTheSwitchIsRead() {
        bigSwitch("blue", 3);
        DeviceId s3 = Fabric.device(3);
        FlowRule orphan = new FlowRule(s3, 0, VnetCompiler.UNICAST_PRIORITY,
                TrafficMatch.ANY.withInPort(PortNumber.portNumber(6)).withVlan(VlanId.NONE).withEthDst(B), List.of(),
                VnetCompiler.cookie(99), 0, 0);
        fabric.tables.get(s3).add(orphan);
        fabric.applied.clear();

        reconnect3();

        assertThat(vnetOperationsOn3()).containsExactly(FlowOperation.remove(orphan));
        assertThat(fabric.tables.get(s3)).doesNotContain(orphan);
    }

    @Test
    void aRuleOfALiveNetworkIsKeptWhileTheViewIsRebuiltThenRemoved() {
        NetworkId blue = bigSwitch("blue", 3);
        DeviceId s3 = Fabric.device(3);
        MacAddress unknown = MacAddress.valueOf("02:00:00:00:00:0c");
        FlowRule stale = unicastRule(blue, s3, 5, unknown, 2);
        fabric.tables.get(s3).add(stale);
        fabric.applied.clear();

        reconnect3();
        fabric.clock.advance(HOLD.minusSeconds(1));
        app.expireHolds();
        admin.declareHost(blue, MacAddress.valueOf("02:00:00:00:00:0d"), Set.of(), manager.ports(blue).get(0).id());

        assertThat(fabric.tables.get(s3)).as("kept while held, through a recompile").contains(stale);
        assertThat(fabric.counters.get("vnet.reconcile.held")).isPositive();

        fabric.clock.advance(Duration.ofSeconds(1));
        app.expireHolds();

        assertThat(fabric.tables.get(s3)).doesNotContain(stale);
        assertThat(vnetOperationsOn3()).contains(FlowOperation.remove(stale));
    }

    @Test
    void aHostOnlyTheSwitchesRememberIsLearnedAgainFromItsDeliveryRules() {
        NetworkId blue = bigSwitch("blue", 3);
        DeviceId s3 = Fabric.device(3);
        long cookie = VnetCompiler.cookie(manager.network(blue).orElseThrow());
        MacAddress remembered = MacAddress.valueOf("02:00:00:00:00:0c");
        // Every rule towards declared host B at s3, as if it were towards a host learned before a restart.
        List<FlowRule> towardsC = fabric.tables.get(s3).stream()
                .filter(r -> r.cookie() == cookie && r.match().ethDst().equals(Optional.of(B)))
                .map(r -> new FlowRule(s3, r.table(), r.priority(), r.match().withEthDst(remembered), r.actions(),
                        r.cookie(), r.idleTimeout(), r.hardTimeout()))
                .toList();
        assertThat(towardsC).isNotEmpty();
        fabric.tables.get(s3).addAll(towardsC);

        reconnect3();
        pastTheHolds();

        assertThat(manager.host(blue, remembered)).hasValueSatisfying(host -> {
            assertThat(host.declared()).isFalse();
            assertThat(host.port()).isEqualTo(manager.host(blue, B).orElseThrow().port());
        });
        assertThat(fabric.tables.get(s3)).containsAll(towardsC);
        assertThat(fabric.counters.get("vnet.reconcile.hosts_relearned")).isEqualTo(1);
    }

    @Test
    void aRuleSendingOutOfAPortThatIsDownIsNotHeld() {
        NetworkId blue = bigSwitch("blue", 3);
        DeviceId s3 = Fabric.device(3);
        FlowRule intoDeadPort = unicastRule(blue, s3, 3, B, 7);
        fabric.tables.get(s3).add(intoDeadPort);

        fabric.devices.deviceDisconnected(s3);
        fabric.addSwitch(3, 8);
        fabric.portDown(point(3, 7));
        fabric.cable(point(2, 1), point(3, 2)).cable(point(3, 1), point(4, 2));
        app.requestCompile();

        assertThat(fabric.tables.get(s3)).as("still within the hold").doesNotContain(intoDeadPort);
    }

    @Test
    void aSwitchWhoseRulesCannotBeReadIsSentThemWhole() {
        bigSwitch("blue", 3);
        List<FlowRule> held = List.copyOf(fabric.tables.get(Fabric.device(3)));
        fabric.tables.get(Fabric.device(3)).clear();
        fabric.failReads(Fabric.device(3));

        reconnect3();

        assertThat(fabric.tables.get(Fabric.device(3))).containsAll(held);
        assertThat(fabric.counters.get("vnet.reconcile.read_failed")).isEqualTo(1);
    }

    /** A rule in {@code network}'s name, untagged frames to {@code dst} from {@code in} out of {@code out}. */
    private FlowRule unicastRule(NetworkId network, DeviceId device, int in, MacAddress dst, int out) {
        return new FlowRule(device, 0, VnetCompiler.UNICAST_PRIORITY,
                TrafficMatch.ANY.withInPort(PortNumber.portNumber(in)).withVlan(VlanId.NONE).withEthDst(dst),
                List.of(Action.output(PortNumber.portNumber(out))),
                VnetCompiler.cookie(manager.network(network).orElseThrow()), 0, 0);
    }

    private void pastTheHolds() {
        fabric.clock.advance(HOLD);
        app.expireHolds();
    }

    @Test
    void theAuditPutsBackARuleDeletedByHand() {
        bigSwitch("blue", 3);
        pastTheHolds();
        List<FlowRule> table = fabric.tables.get(Fabric.device(3));
        FlowRule deleted = table.stream().filter(r -> VnetCompiler.tagOf(r.cookie()).isPresent()).findFirst()
                .orElseThrow();
        table.remove(deleted);
        fabric.applied.clear();

        app.audit();

        assertThat(vnetOperationsOn3()).containsExactly(FlowOperation.add(deleted));
        assertThat(fabric.counters.get("vnet.audit.repaired")).isEqualTo(1);
        assertThat(fabric.counters.get("vnet.audit.missing")).isEqualTo(1);
    }

    @Test
    void theAuditRemovesARuleAddedByHandWithATenantsCookie() {
        NetworkId blue = bigSwitch("blue", 3);
        pastTheHolds();
        DeviceId s3 = Fabric.device(3);
        FlowRule forged = unicastRule(blue, s3, 5, A, 3);
        fabric.tables.get(s3).add(forged);
        fabric.applied.clear();

        app.audit();

        assertThat(vnetOperationsOn3()).containsExactly(FlowOperation.remove(forged));
        assertThat(fabric.tables.get(s3)).doesNotContain(forged);
        assertThat(fabric.counters.get("vnet.audit.unexpected")).isEqualTo(1);
    }

    @Test
    void anAuditOfTablesAsTheyShouldBeChangesNothing() {
        bigSwitch("blue", 3);
        bigSwitch("red", 4);
        pastTheHolds();
        fabric.applied.clear();

        app.audit();

        assertThat(fabric.applied).isEmpty();
        assertThat(fabric.counters.get("vnet.audit.reads")).isEqualTo(4);
        assertThat(fabric.counters.get("vnet.audit.repaired")).isZero();
    }

    @Test
    void aSwitchStillHeldAfterConnectingIsNotAudited() {
        bigSwitch("blue", 3);
        pastTheHolds();
        reconnect3();

        app.audit();

        assertThat(fabric.counters.get("vnet.audit.reads")).as("s1, s2 and s4 connected long ago").isEqualTo(3);
    }

    @Test
    void aFloodFromAPortOfNoTenantNeverLeavesThroughAnAttachment() {
        bigSwitch("blue", 3);
        TenantId red = new TenantId("red");
        admin.createTenant(red);
        // Granted but in no network yet: still no port of default forwarding.
        admin.createAttachment(red, point(2, 4), Optional.empty());

        List<ConnectPoint> out = fabric.send(point(1, 5), Frames.arpRequest(5, 6));

        assertThat(out).contains(point(2, 5), point(3, 5), point(4, 5))
                .doesNotContain(point(1, 3), point(3, 3), point(2, 4));
    }

    @Test
    void theDefaultLearnerLearnsNoHostAtAnAttachment() {
        bigSwitch("blue", 3);
        TenantId red = new TenantId("red");
        admin.createTenant(red);
        admin.createAttachment(red, point(2, 4), Optional.empty());
        long before = fabric.counters.get("vnet.dropped.unbound_attachment");

        fabric.send(point(1, 3), Frames.arpRequest(7, 8));
        fabric.send(point(2, 4), Frames.arpRequest(9, 8));
        fabric.send(point(1, 5), Frames.arpRequest(5, 8));

        assertThat(fabric.hosts.hosts()).extracting(h -> h.location())
                .containsExactly(point(1, 5));
        assertThat(fabric.counters.get("vnet.dropped.unbound_attachment")).isEqualTo(before + 1);
        assertThat(fabric.topology.isEdge(point(2, 4))).isFalse();
        assertThat(fabric.topology.isEdge(point(1, 3))).isFalse();
        assertThat(fabric.topology.isEdge(point(1, 5))).isTrue();
    }

    @Test
    void learnedHostsGoToTheTenantService() {
        NetworkId blue = bigSwitch("blue", 3);

        // The attachment's ARP rule sends it to the controller, which the fabric plays as this packet-in.
        Ethernet arp = Frames.arpRequest(0x42, 1);
        fabric.packetIn(new InboundPacket(Fabric.device(3), PortNumber.portNumber(3), arp, arp.serialize(),
                OptionalInt.empty()));

        assertThat(manager.host(blue, Frames.mac(0x42))).hasValueSatisfying(h -> {
            assertThat(h.declared()).isFalse();
            assertThat(h.port()).isEqualTo(new VirtualPortId(VirtualPort.BIG_SWITCH, 2));
        });
        assertThat(fabric.trace(point(1, 3), A, Frames.mac(0x42)).exit()).contains(point(3, 3));
    }

    @Test
    void aCustomNetworksLinksReportTheirPhysicalPaths() {
        TenantId id = new TenantId("green");
        admin.createTenant(id);
        NetworkId network = new NetworkId(id, "lab");
        admin.createNetwork(network, VirtualNetwork.Kind.CUSTOM);
        admin.addSwitch(network, "vs1");
        admin.addSwitch(network, "vs2");
        Attachment one = admin.createAttachment(id, point(1, 6), Optional.empty());
        Attachment three = admin.createAttachment(id, point(3, 6), Optional.empty());
        admin.addPort(network, "vs1", Optional.of(one.id()));
        admin.addPort(network, "vs2", Optional.of(three.id()));
        VirtualPortId a = admin.addPort(network, "vs1", Optional.empty()).id();
        VirtualPortId b = admin.addPort(network, "vs2", Optional.empty()).id();
        VirtualLink link = admin.addLink(network, a, b);

        LinkRealization realized = app.link(link);
        assertThat(realized.state()).isEqualTo(LinkRealization.State.UP);
        assertThat(realized.path()).hasSize(2);
        assertThat(realized.path().get(0).src().device()).isEqualTo(Fabric.device(1));
        assertThat(realized.path().get(1).dst().device()).isEqualTo(Fabric.device(3));
        assertThat(app.link(new VirtualLink(network, b, new VirtualPortId("vs9", 1))))
                .isEqualTo(LinkRealization.UNKNOWN);
    }
}

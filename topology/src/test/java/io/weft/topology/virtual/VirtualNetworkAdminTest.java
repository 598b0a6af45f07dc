package io.weft.topology.virtual;

import static io.weft.topology.TestFabric.cp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.topology.TestFabric;
import io.weft.topology.store.Entry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * Every rule the admin service checks. Each refusal is asserted to change nothing: the store's
 * revision stays where it was and no event is posted.
 */
class VirtualNetworkAdminTest {
    private static final TenantId BLUE = new TenantId("blue");
    private static final TenantId RED = new TenantId("red");
    private static final NetworkId WEB = new NetworkId(BLUE, "web");
    private static final NetworkId LAB = new NetworkId(BLUE, "lab");
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.valueOf("00:00:00:00:00:02");

    private final TestFabric fabric = new TestFabric();
    private final Counters counters = fabric.counters();
    private final List<VirtualNetworkEvent> events = fabric.record(VirtualNetworkEvent.class);
    private final TestTenants tenants = new TestTenants(fabric.dispatcher(), counters);
    private final VirtualNetworkAdmin admin = tenants.admin;
    private final VirtualNetworkManager service = tenants.manager;

    @AfterEach
    void close() {
        tenants.close();
    }

    private static VlanId vlan(int id) {
        return VlanId.vlanId((short) id);
    }

    private static IpAddress ip(String text) {
        return IpAddress.valueOf(text);
    }

    /** The change is refused with this kind and message, and nothing at all changes. */
    private <E extends VirtualNetworkException> void refused(Class<E> kind, String message, ThrowingCallable change) {
        long revision = tenants.store.revision();
        int posted = events.size();
        assertThatThrownBy(change).isInstanceOf(kind).hasMessageContaining(message);
        assertThat(tenants.store.revision()).as("store revision after a refusal").isEqualTo(revision);
        assertThat(events).as("events after a refusal").hasSize(posted);
    }

    /** blue with att-1 (s1/1), att-2 (s1/2), att-3 (s2/1), a big switch web and a custom network lab. */
    private void blueWithNetworks() {
        admin.createTenant(BLUE);
        admin.createAttachment(BLUE, cp(1, 1), Optional.empty());
        admin.createAttachment(BLUE, cp(1, 2), Optional.empty());
        admin.createAttachment(BLUE, cp(2, 1), Optional.empty());
        admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH);
        admin.createNetwork(LAB, VirtualNetwork.Kind.CUSTOM);
    }

    @Test
    void aTenantGetsATokenThatOnlyItsHashIsKeptOf() {
        IssuedToken issued = admin.createTenant(BLUE);

        assertThat(issued.tenant()).isEqualTo(BLUE);
        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(service.tenantOfToken(issued.token())).contains(BLUE);
        assertThat(service.tenantOfToken(issued.token() + "x")).isEmpty();
        assertThat(service.tenants()).containsExactly(new Tenant(BLUE, 1));
        List<Entry> stored = tenants.store.list("");
        assertThat(stored).extracting(Entry::key).containsExactly("/weft/v1/tenants/blue/tenant",
                "/weft/v1/tenants/blue/tokens/" + Tokens.hash(issued.token()));
        assertThat(stored).allSatisfy(e -> assertThat(e.key() + e.value()).doesNotContain(issued.token()));
        assertThat(events).containsExactly(VirtualNetworkEvent.added(new Tenant(BLUE, 1)));
    }

    @Test
    void aTenantExistsOnce() {
        admin.createTenant(BLUE);
        refused(VirtualNetworkException.AlreadyExists.class, "tenant blue exists", () -> admin.createTenant(BLUE));
        assertThat(counters.get("virtual.refused.conflict")).isEqualTo(1);
    }

    @Test
    void tokensAreIssuedRevokedAndBounded() {
        String first = admin.createTenant(BLUE).token();
        String second = admin.issueToken(BLUE, false).token();
        assertThat(service.tenantOfToken(first)).contains(BLUE);
        assertThat(service.tenantOfToken(second)).contains(BLUE);

        String third = admin.issueToken(BLUE, true).token();
        assertThat(service.tenantOfToken(first)).isEmpty();
        assertThat(service.tenantOfToken(second)).isEmpty();
        assertThat(service.tenantOfToken(third)).contains(BLUE);
        assertThat(service.tenant(BLUE)).contains(new Tenant(BLUE, 1));

        for (int i = 1; i < VirtualNetworkConfig.DEFAULTS.maxTokensPerTenant(); i++) {
            admin.issueToken(BLUE, false);
        }
        refused(VirtualNetworkException.Exhausted.class, "holds 16 tokens", () -> admin.issueToken(BLUE, false));
        assertThat(admin.revokeTokens(BLUE)).isEqualTo(16);
        assertThat(service.tenantOfToken(third)).isEmpty();
        assertThat(service.tenant(BLUE)).contains(new Tenant(BLUE, 0));
        refused(VirtualNetworkException.NotFound.class, "no tenant red", () -> admin.issueToken(RED, false));
        refused(VirtualNetworkException.NotFound.class, "no tenant red", () -> admin.revokeTokens(RED));
    }

    @Test
    void attachmentsAreNumberedAndNeverOverlapAcrossTenants() {
        admin.createTenant(BLUE);
        admin.createTenant(RED);
        Attachment whole = admin.createAttachment(BLUE, cp(1, 3), Optional.empty());
        Attachment v100 = admin.createAttachment(RED, cp(1, 4), Optional.of(vlan(100)));
        Attachment v200 = admin.createAttachment(BLUE, cp(1, 4), Optional.of(vlan(200)));

        assertThat(List.of(whole.id(), v100.id(), v200.id())).containsExactly("att-1", "att-2", "att-3");
        refused(VirtualNetworkException.Conflict.class, "of:0000000000000001/3 VLAN 100 overlaps att-1, granted to"
                + " tenant blue on of:0000000000000001/3 (the whole port)",
                () -> admin.createAttachment(RED, cp(1, 3), Optional.of(vlan(100))));
        refused(VirtualNetworkException.Conflict.class, "overlaps att-2",
                () -> admin.createAttachment(BLUE, cp(1, 4), Optional.empty()));
        refused(VirtualNetworkException.Conflict.class, "overlaps att-3",
                () -> admin.createAttachment(RED, cp(1, 4), Optional.of(vlan(200))));
        refused(VirtualNetworkException.Invalid.class, "1..4094",
                () -> admin.createAttachment(RED, cp(1, 5), Optional.of(vlan(4095))));
        refused(VirtualNetworkException.Invalid.class, "physical port",
                () -> admin.createAttachment(RED, new io.weft.topology.link.ConnectPoint(TestFabric.dev(1),
                        PortNumber.CONTROLLER), Optional.empty()));
        refused(VirtualNetworkException.NotFound.class, "no tenant green",
                () -> admin.createAttachment(new TenantId("green"), cp(1, 9), Optional.empty()));

        assertThat(service.attachments(BLUE)).containsExactly(whole, v200);
        assertThat(service.attachments(RED)).containsExactly(v100);
        admin.deleteAttachment(BLUE, "att-1");
        assertThat(admin.createAttachment(RED, cp(1, 3), Optional.of(vlan(100))).id())
                .as("numbers are not reused").isEqualTo("att-4");
    }

    @Test
    void anAttachmentIsDeletedOnlyByItsTenantAndOnlyWhenUnused() {
        blueWithNetworks();
        admin.createTenant(RED);
        admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-1"));

        refused(VirtualNetworkException.Conflict.class, "attachment att-1 is port big:1 of network web",
                () -> admin.deleteAttachment(BLUE, "att-1"));
        assertThatThrownBy(() -> admin.deleteAttachment(BLUE, "att-1")).as("in use: neither there already nor a limit")
                .isExactlyInstanceOf(VirtualNetworkException.Conflict.class);
        refused(VirtualNetworkException.NotFound.class, "no attachment att-2", () -> admin.deleteAttachment(RED,
                "att-2"));
        refused(VirtualNetworkException.NotFound.class, "no attachment att-9", () -> admin.deleteAttachment(BLUE,
                "att-9"));
        admin.deleteAttachment(BLUE, "att-2");
        assertThat(service.attachments(BLUE)).extracting(Attachment::id).containsExactly("att-1", "att-3");
        assertThat(admin.createAttachment(RED, cp(1, 2), Optional.empty()).point()).as("the port is free again")
                .isEqualTo(cp(1, 2));
    }

    @Test
    void networksGetTheLowestFreeTagAndFreeItWhenDeleted() {
        admin.createTenant(BLUE);
        admin.createTenant(RED);
        assertThat(admin.createNetwork(WEB, VirtualNetwork.Kind.BIG_SWITCH).tag()).isEqualTo(1);
        assertThat(admin.createNetwork(new NetworkId(RED, "web"), VirtualNetwork.Kind.BIG_SWITCH).tag()).isEqualTo(2);
        assertThat(admin.createNetwork(LAB, VirtualNetwork.Kind.CUSTOM).tag()).isEqualTo(3);
        refused(VirtualNetworkException.AlreadyExists.class, "network web exists",
                () -> admin.createNetwork(WEB, VirtualNetwork.Kind.CUSTOM));
        refused(VirtualNetworkException.NotFound.class, "no tenant green",
                () -> admin.createNetwork(new NetworkId(new TenantId("green"), "web"), VirtualNetwork.Kind.CUSTOM));

        admin.deleteNetwork(WEB);
        assertThat(service.networks(BLUE)).extracting(VirtualNetwork::id).containsExactly(LAB);
        assertThat(admin.createNetwork(new NetworkId(BLUE, "db"), VirtualNetwork.Kind.CUSTOM).tag()).isEqualTo(1);
        refused(VirtualNetworkException.NotFound.class, "no network web", () -> admin.deleteNetwork(WEB));
    }

    @Test
    void tagsRunOut() {
        try (TestTenants small = new TestTenants(new io.weft.topology.store.local.InMemoryStore(), fabric.dispatcher(),
                VirtualNetworkConfig.DEFAULTS.withTags(100, 101), counters)) {
            small.admin.createTenant(BLUE);
            assertThat(small.admin.createNetwork(WEB, VirtualNetwork.Kind.CUSTOM).tag()).isEqualTo(100);
            assertThat(small.admin.createNetwork(LAB, VirtualNetwork.Kind.CUSTOM).tag()).isEqualTo(101);
            long revision = small.store.revision();
            assertThatThrownBy(() -> small.admin.createNetwork(new NetworkId(BLUE, "db"), VirtualNetwork.Kind.CUSTOM))
                    .isInstanceOf(VirtualNetworkException.Exhausted.class).hasMessageContaining("no fabric tag is free");
            assertThat(small.store.revision()).isEqualTo(revision);
        }
    }

    @Test
    void aBigSwitchPortIsOneOfTheTenantsAttachmentsUsedOnce() {
        blueWithNetworks();
        admin.createTenant(RED);
        Attachment red = admin.createAttachment(RED, cp(3, 1), Optional.empty());

        assertThat(admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-1")))
                .isEqualTo(new VirtualPort(WEB, new VirtualPortId("big", 1), Optional.of("att-1")));
        assertThat(admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-2")).id().port()).isEqualTo(2);
        refused(VirtualNetworkException.Conflict.class, "attachment att-1 is already port big:1 of network web",
                () -> admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-1")));
        admin.addSwitch(LAB, "vs1");
        refused(VirtualNetworkException.Conflict.class, "is already port big:2 of network web",
                () -> admin.addPort(LAB, "vs1", Optional.of("att-2")));
        refused(VirtualNetworkException.NotFound.class, "no attachment " + red.id(),
                () -> admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of(red.id())));
        refused(VirtualNetworkException.Invalid.class, "bound to an attachment",
                () -> admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.empty()));
        refused(VirtualNetworkException.Invalid.class, "att- and a number",
                () -> admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("eth0")));
        refused(VirtualNetworkException.NotFound.class, "no switch vs1 in network web",
                () -> admin.addPort(WEB, "vs1", Optional.of("att-3")));
        refused(VirtualNetworkException.NotFound.class, "no network db",
                () -> admin.addPort(new NetworkId(BLUE, "db"), "big", Optional.of("att-3")));

        admin.removePort(WEB, new VirtualPortId("big", 1));
        assertThat(admin.addPort(WEB, VirtualPort.BIG_SWITCH, Optional.of("att-3")).id().port())
                .as("the lowest free number").isEqualTo(1);
        assertThat(service.switches(WEB)).containsExactly(new VirtualSwitch(WEB, "big"));
        assertThat(service.ports(WEB)).extracting(p -> p.id() + "=" + p.attachment().orElseThrow())
                .containsExactly("big:1=att-3", "big:2=att-2");
        refused(VirtualNetworkException.NotFound.class, "no port big:7 in network web",
                () -> admin.removePort(WEB, new VirtualPortId("big", 7)));
    }

    @Test
    void customNetworksHaveSwitchesAndBigSwitchesDoNot() {
        blueWithNetworks();
        assertThat(admin.addSwitch(LAB, "vs1")).isEqualTo(new VirtualSwitch(LAB, "vs1"));
        admin.addSwitch(LAB, "vs2");

        refused(VirtualNetworkException.AlreadyExists.class, "switch vs1 exists", () -> admin.addSwitch(LAB, "vs1"));
        refused(VirtualNetworkException.Invalid.class, "'big' names a big switch's only switch",
                () -> admin.addSwitch(LAB, "big"));
        refused(VirtualNetworkException.Invalid.class, "a virtual switch id must be", () -> admin.addSwitch(LAB,
                "VS 3"));
        refused(VirtualNetworkException.Conflict.class, "is a big switch", () -> admin.addSwitch(WEB, "vs1"));
        refused(VirtualNetworkException.Conflict.class, "goes only with its network",
                () -> admin.removeSwitch(WEB, "big"));
        refused(VirtualNetworkException.NotFound.class, "no switch vs9", () -> admin.removeSwitch(LAB, "vs9"));
        assertThat(service.switches(LAB)).extracting(VirtualSwitch::id).containsExactly("vs1", "vs2");
    }

    @Test
    void linksJoinInternalPortsOfTwoSwitchesOnce() {
        blueWithNetworks();
        admin.addSwitch(LAB, "vs1");
        admin.addSwitch(LAB, "vs2");
        admin.addSwitch(LAB, "vs3");
        VirtualPort edge = admin.addPort(LAB, "vs1", Optional.of("att-1"));
        VirtualPortId a = admin.addPort(LAB, "vs1", Optional.empty()).id();
        VirtualPortId a2 = admin.addPort(LAB, "vs1", Optional.empty()).id();
        VirtualPortId b = admin.addPort(LAB, "vs2", Optional.empty()).id();
        VirtualPortId c = admin.addPort(LAB, "vs3", Optional.empty()).id();
        assertThat(List.of(edge.id(), a, a2, b, c)).extracting(VirtualPortId::toString)
                .containsExactly("vs1:1", "vs1:2", "vs1:3", "vs2:1", "vs3:1");

        VirtualLink link = admin.addLink(LAB, a, b);
        assertThat(link.id()).isEqualTo("vs1:2-vs2:1");
        refused(VirtualNetworkException.Conflict.class, "port vs2:1 is already an end of link vs1:2-vs2:1",
                () -> admin.addLink(LAB, c, b));
        refused(VirtualNetworkException.Conflict.class, "port vs1:1 is bound to attachment att-1",
                () -> admin.addLink(LAB, edge.id(), c));
        refused(VirtualNetworkException.Invalid.class, "two different virtual switches",
                () -> admin.addLink(LAB, a2, new VirtualPortId("vs1", 2)));
        refused(VirtualNetworkException.NotFound.class, "no port vs3:9", () -> admin.addLink(LAB, a2,
                new VirtualPortId("vs3", 9)));
        refused(VirtualNetworkException.Conflict.class, "no links", () -> admin.addLink(WEB, a2, c));
        refused(VirtualNetworkException.NotFound.class, "no link vs1:3-vs3:1", () -> admin.removeLink(LAB, a2, c));

        admin.addLink(LAB, a2, c);
        assertThat(service.links(LAB)).extracting(VirtualLink::id).containsExactly("vs1:2-vs2:1", "vs1:3-vs3:1");
        admin.removeLink(LAB, b, a);
        assertThat(service.links(LAB)).extracting(VirtualLink::id).containsExactly("vs1:3-vs3:1");
    }

    @Test
    void deletingAPortOrASwitchDeletesWhatDependsOnIt() {
        blueWithNetworks();
        admin.addSwitch(LAB, "vs1");
        admin.addSwitch(LAB, "vs2");
        VirtualPortId edge1 = admin.addPort(LAB, "vs1", Optional.of("att-1")).id();
        VirtualPortId a = admin.addPort(LAB, "vs1", Optional.empty()).id();
        VirtualPortId b = admin.addPort(LAB, "vs2", Optional.empty()).id();
        VirtualPortId edge2 = admin.addPort(LAB, "vs2", Optional.of("att-2")).id();
        admin.addLink(LAB, a, b);
        admin.declareHost(LAB, H1, Set.of(ip("10.0.0.1")), edge1);
        admin.declareHost(LAB, H2, Set.of(ip("10.0.0.2")), edge2);

        admin.removePort(LAB, b);
        assertThat(service.links(LAB)).isEmpty();
        assertThat(service.ports(LAB)).extracting(VirtualPort::id).containsExactly(edge1, a, edge2);

        admin.removeSwitch(LAB, "vs1");
        assertThat(service.switches(LAB)).extracting(VirtualSwitch::id).containsExactly("vs2");
        assertThat(service.ports(LAB)).extracting(VirtualPort::id).containsExactly(edge2);
        assertThat(service.hosts(LAB)).extracting(VirtualHost::mac).containsExactly(H2);
        assertThat(tenants.store.list("/weft/v1/tenants/blue/networks/lab/")).extracting(Entry::key)
                .containsExactly("/weft/v1/tenants/blue/networks/lab/hosts/00:00:00:00:00:02",
                        "/weft/v1/tenants/blue/networks/lab/network",
                        "/weft/v1/tenants/blue/networks/lab/ports/vs2/2",
                        "/weft/v1/tenants/blue/networks/lab/switches/vs2");
        assertThat(admin.addPort(WEB, "big", Optional.of("att-1")).attachment()).as("att-1 is free again")
                .contains("att-1");
    }

    @Test
    void hostsAreDeclaredAtEdgePortsWithAMacAndAddressesUniqueInTheirNetwork() {
        blueWithNetworks();
        VirtualPortId p1 = admin.addPort(WEB, "big", Optional.of("att-1")).id();
        VirtualPortId p2 = admin.addPort(WEB, "big", Optional.of("att-2")).id();
        admin.addSwitch(LAB, "vs1");
        VirtualPortId internal = admin.addPort(LAB, "vs1", Optional.empty()).id();

        VirtualHost h1 = admin.declareHost(WEB, H1, Set.of(ip("10.0.0.1"), ip("fd00::1")), p1);
        assertThat(h1).isEqualTo(new VirtualHost(WEB, H1, Set.of(ip("10.0.0.1"), ip("fd00::1")), p1, true));
        refused(VirtualNetworkException.AlreadyExists.class, "host 00:00:00:00:00:01 is already declared in network web",
                () -> admin.declareHost(WEB, H1, Set.of(), p2));
        refused(VirtualNetworkException.Conflict.class, "address 10.0.0.1 is already host 00:00:00:00:00:01's",
                () -> admin.declareHost(WEB, H2, Set.of(ip("10.0.0.1")), p2));
        refused(VirtualNetworkException.NotFound.class, "no port big:9 in network web",
                () -> admin.declareHost(WEB, H2, Set.of(), new VirtualPortId("big", 9)));
        refused(VirtualNetworkException.Conflict.class, "port vs1:1 is internal",
                () -> admin.declareHost(LAB, H2, Set.of(), internal));
        refused(VirtualNetworkException.Invalid.class, "unicast",
                () -> admin.declareHost(WEB, MacAddress.BROADCAST, Set.of(), p2));
        Set<IpAddress> many = new java.util.HashSet<>();
        for (int i = 1; i <= 17; i++) {
            many.add(ip("10.1.0." + i));
        }
        refused(VirtualNetworkException.Invalid.class, "at most 16 addresses",
                () -> admin.declareHost(WEB, H2, many, p2));

        admin.declareHost(WEB, H2, Set.of(ip("10.0.0.2")), p2);
        admin.declareHost(LAB, H1, Set.of(ip("10.0.0.1")), admin.addPort(LAB, "vs1", Optional.of("att-3")).id());
        assertThat(service.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H1, H2);
        assertThat(service.host(LAB, H1)).hasValueSatisfying(h -> assertThat(h.port().virtualSwitch())
                .isEqualTo("vs1"));
        admin.removeHost(WEB, H1);
        refused(VirtualNetworkException.NotFound.class, "no declared host 00:00:00:00:00:01 in network web",
                () -> admin.removeHost(WEB, H1));
        assertThat(service.hosts(WEB)).extracting(VirtualHost::mac).containsExactly(H2);
    }

    @Test
    void deletingATenantRemovesAllOfItAndFreesItsPortsAndTags() {
        blueWithNetworks();
        admin.addPort(WEB, "big", Optional.of("att-1"));
        admin.declareHost(WEB, H1, Set.of(), new VirtualPortId("big", 1));
        admin.createTenant(RED);
        admin.createAttachment(RED, cp(1, 3), Optional.empty());
        admin.createNetwork(new NetworkId(RED, "web"), VirtualNetwork.Kind.BIG_SWITCH);
        String token = admin.issueToken(BLUE, false).token();

        admin.deleteTenant(BLUE);

        assertThat(service.tenants()).extracting(Tenant::id).containsExactly(RED);
        assertThat(service.tenantOfToken(token)).isEmpty();
        assertThat(service.networks()).extracting(VirtualNetwork::id).containsExactly(new NetworkId(RED, "web"));
        assertThat(tenants.store.list("/weft/v1/tenants/blue/")).isEmpty();
        assertThat(tenants.store.get("/weft/v1/tags")).hasValueSatisfying(e -> assertThat(e.value())
                .isEqualTo("{\"3\":\"red/web\"}"));
        assertThat(tenants.store.get("/weft/v1/points/of:0000000000000002")).isEmpty();
        assertThat(admin.createAttachment(RED, cp(1, 1), Optional.empty()).id()).isEqualTo("att-5");
        assertThat(admin.createNetwork(new NetworkId(RED, "db"), VirtualNetwork.Kind.CUSTOM).tag()).isEqualTo(1);
        refused(VirtualNetworkException.NotFound.class, "no tenant blue", () -> admin.deleteTenant(BLUE));
    }

    @Test
    void refusalsAreCountedByKind() {
        blueWithNetworks();
        assertThatThrownBy(() -> admin.addSwitch(LAB, "big")).isInstanceOf(VirtualNetworkException.Invalid.class);
        assertThatThrownBy(() -> admin.deleteNetwork(new NetworkId(RED, "x")))
                .isInstanceOf(VirtualNetworkException.NotFound.class);
        assertThatThrownBy(() -> admin.createTenant(BLUE)).isInstanceOf(VirtualNetworkException.Conflict.class);
        assertThat(counters.get("virtual.refused.invalid")).isEqualTo(1);
        assertThat(counters.get("virtual.refused.not_found")).isEqualTo(1);
        assertThat(counters.get("virtual.refused.conflict")).isEqualTo(1);
        assertThat(counters.get("virtual.changes")).isEqualTo(6);
    }
}

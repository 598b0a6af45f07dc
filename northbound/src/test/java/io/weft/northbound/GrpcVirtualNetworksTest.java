package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.weft.northbound.grpc.v1.AddPortRequest;
import io.weft.northbound.grpc.v1.AddSwitchRequest;
import io.weft.northbound.grpc.v1.AddVirtualLinkRequest;
import io.weft.northbound.grpc.v1.CreateAttachmentRequest;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeclareHostRequest;
import io.weft.northbound.grpc.v1.DeleteNetworkRequest;
import io.weft.northbound.grpc.v1.GetNetworkRequest;
import io.weft.northbound.grpc.v1.GetPortRequest;
import io.weft.northbound.grpc.v1.GetSwitchRequest;
import io.weft.northbound.grpc.v1.GetVirtualHostRequest;
import io.weft.northbound.grpc.v1.GetVirtualLinkRequest;
import io.weft.northbound.grpc.v1.LinkState;
import io.weft.northbound.grpc.v1.ListNetworksRequest;
import io.weft.northbound.grpc.v1.ListPortsRequest;
import io.weft.northbound.grpc.v1.ListSwitchesRequest;
import io.weft.northbound.grpc.v1.ListVirtualHostsRequest;
import io.weft.northbound.grpc.v1.ListVirtualLinksRequest;
import io.weft.northbound.grpc.v1.Network;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.RemovePortRequest;
import io.weft.northbound.grpc.v1.RemoveSwitchRequest;
import io.weft.northbound.grpc.v1.RemoveVirtualHostRequest;
import io.weft.northbound.grpc.v1.RemoveVirtualLinkRequest;
import io.weft.northbound.grpc.v1.VirtualHost;
import io.weft.northbound.grpc.v1.VirtualLink;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc.VirtualNetworksBlockingStub;
import io.weft.northbound.grpc.v1.VirtualPort;
import io.weft.northbound.grpc.v1.VirtualPortId;
import io.weft.northbound.grpc.v1.VirtualSwitch;
import io.weft.northbound.grpc.v1.VirtualTopology;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/**
 * {@code weft.v1.VirtualNetworks} over gRPC: a tenant builds its networks with its own token
 * (networks, big-switch ports, switches, internal ports, links, hosts, the topology view), sees
 * no physical id where the admin sees the mapping, and never reaches another tenant's. Each test
 * works in a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcVirtualNetworksTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private GrpcClient grpc;
    private int nextPort = 10;

    @BeforeAll
    void start() {
        api = net.api();
        api.start();
        grpc = new GrpcClient(api.grpcAddress());
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    /** A tenant with {@code attachments} attachments on s2 (VLAN 20), on ports no other test uses; returns its token. */
    private String tenant(String id, int attachments) {
        String token = grpc.tenants(ADMIN).createTenant(CreateTenantRequest.newBuilder().setId(id).build()).getToken();
        for (int i = 0; i < attachments; i++) {
            grpc.tenants(ADMIN).createAttachment(CreateAttachmentRequest.newBuilder().setTenant(id)
                    .setDevice("of:0000000000000002").setPort(nextPort++).setVlan(20).build());
        }
        return token;
    }

    private List<String> attachments(String tenant) {
        return net.tenants.manager.attachments(new TenantId(tenant)).stream().map(a -> a.id()).toList();
    }

    private Network network(String token, String tenant, String id, NetworkKind kind) {
        return grpc.networks(token).createNetwork(CreateNetworkRequest.newBuilder().setTenant(tenant).setId(id)
                .setKind(kind).build());
    }

    private static VirtualPortId port(String virtualSwitch, int number) {
        return VirtualPortId.newBuilder().setSwitch(virtualSwitch).setPort(number).build();
    }

    private static AddPortRequest.Builder addPort(String tenant, String network) {
        return AddPortRequest.newBuilder().setTenant(tenant).setNetwork(network);
    }

    @Test
    void aTenantBuildsABigSwitch() {
        String token = tenant("aqua", 2);
        List<String> att = attachments("aqua");
        VirtualNetworksBlockingStub mine = grpc.networks(token);
        assertThat(network(token, "aqua", "web", NetworkKind.NETWORK_KIND_BIG_SWITCH)).isEqualTo(Network.newBuilder()
                .setId("web").setKind(NetworkKind.NETWORK_KIND_BIG_SWITCH).build());
        GetNetworkRequest web = GetNetworkRequest.newBuilder().setTenant("aqua").setNetwork("web").build();
        assertThat(grpc.networks(ADMIN).getNetwork(web).hasTag()).isTrue();
        assertThat(grpc.networks(token).getNetwork(web).hasTag()).isFalse();

        VirtualPort first = mine.addPort(addPort("aqua", "web").setAttachment(att.get(0)).build());
        assertThat(first).isEqualTo(VirtualPort.newBuilder().setId(port("big", 1)).setAttachment(att.get(0)).build());
        grpc.networks(token).addPort(addPort("aqua", "web").setSwitch("big").setAttachment(att.get(1)).build());
        assertThat(grpc.networks(token).listPorts(ListPortsRequest.newBuilder().setTenant("aqua").setNetwork("web")
                .build()).getPortsList()).extracting(p -> p.getId().getPort()).containsExactly(1, 2);
        GetPortRequest bigOne = GetPortRequest.newBuilder().setTenant("aqua").setNetwork("web")
                .setPort(port("", 1)).build();
        VirtualPort physical = grpc.networks(ADMIN).getPort(bigOne);
        assertThat(physical.getPhysical().getPoint().getDevice()).isEqualTo("of:0000000000000002");
        assertThat(physical.getPhysical().getVlan()).isEqualTo(20);
        assertThat(grpc.networks(token).getPort(bigOne).hasPhysical()).isFalse();
        assertThat(grpc.networks(token).listSwitches(ListSwitchesRequest.newBuilder().setTenant("aqua")
                .setNetwork("web").build()).getSwitchesList()).extracting(VirtualSwitch::getId).containsExactly("big");

        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.networks(token).addPort(addPort("aqua", "web")
                .setAttachment(att.get(0)).build())))
                .startsWith("attachment " + att.get(0) + " is already port big:1 of network web");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).addPort(addPort("aqua", "web")
                .build()))).contains("every port of a big switch is bound to an attachment");
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).addPort(addPort("aqua", "web")
                .setAttachment("att-999").build()))).isEqualTo("no attachment att-999");
        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.networks(token).addSwitch(AddSwitchRequest
                .newBuilder().setTenant("aqua").setNetwork("web").setId("vs1").build()))).contains("is a big switch");

        grpc.networks(token).removePort(RemovePortRequest.newBuilder().setTenant("aqua").setNetwork("web")
                .setPort(port("", 1)).build());
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getPort(bigOne)))
                .isEqualTo("no port big:1 in network web");
        grpc.networks(token).deleteNetwork(DeleteNetworkRequest.newBuilder().setTenant("aqua").setNetwork("web")
                .build());
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getNetwork(web)))
                .isEqualTo("no network web");
    }

    @Test
    void aTenantBuildsACustomNetworkAndItsLinks() {
        String token = tenant("beryl", 1);
        String edge = attachments("beryl").get(0);
        network(token, "beryl", "lab", NetworkKind.NETWORK_KIND_CUSTOM);
        for (String s : List.of("vs1", "vs2", "vs3")) {
            assertThat(grpc.networks(token).addSwitch(AddSwitchRequest.newBuilder().setTenant("beryl")
                    .setNetwork("lab").setId(s).build())).isEqualTo(VirtualSwitch.newBuilder().setId(s).build());
        }
        grpc.networks(token).addPort(addPort("beryl", "lab").setSwitch("vs1").setAttachment(edge).build());
        assertThat(grpc.networks(token).addPort(addPort("beryl", "lab").setSwitch("vs1").build()))
                .isEqualTo(VirtualPort.newBuilder().setId(port("vs1", 2)).build());
        for (String s : List.of("vs2", "vs2", "vs3")) {
            grpc.networks(token).addPort(addPort("beryl", "lab").setSwitch(s).build());
        }

        VirtualLink link = grpc.networks(token).addLink(link("beryl", port("vs1", 2), port("vs2", 1)));
        assertThat(link).isEqualTo(VirtualLink.newBuilder().setId("vs1:2-vs2:1").setSrc(port("vs1", 2))
                .setDst(port("vs2", 1)).setState(LinkState.LINK_STATE_UNKNOWN).build());
        grpc.networks(token).addLink(link("beryl", port("vs2", 2), port("vs3", 1)));
        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.networks(token).addLink(link("beryl",
                port("vs1", 1), port("vs3", 1)))))
                .isEqualTo("port vs1:1 is bound to attachment " + edge + "; a link joins internal ports");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).addLink(link("beryl",
                port("vs1", 2), port("vs1", 2))))).contains("two different virtual switches");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).addLink(AddVirtualLinkRequest
                .newBuilder().setTenant("beryl").setNetwork("lab").setSrc(port("vs1", 2)).build())))
                .isEqualTo("field 'dst' is required");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).addLink(link("beryl",
                port("vs1", 0), port("vs3", 1))))).startsWith("field 'src.port' must be within 1..65279");
        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.networks(token).addPort(addPort("beryl", "lab")
                .build()))).contains("is custom");
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getPort(GetPortRequest.newBuilder()
                .setTenant("beryl").setNetwork("lab").setPort(port("", 1)).build()))).contains("is custom");

        GetVirtualLinkRequest reversed = GetVirtualLinkRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setSrc(port("vs2", 1)).setDst(port("vs1", 2)).build();
        assertThat(grpc.networks(token).getLink(reversed).getId()).as("either order names the link")
                .isEqualTo("vs1:2-vs2:1");
        RemoveVirtualLinkRequest remove = RemoveVirtualLinkRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setSrc(port("vs2", 1)).setDst(port("vs1", 2)).build();
        grpc.networks(token).removeLink(remove);
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).removeLink(remove)))
                .isEqualTo("no link vs2:1-vs1:2 in network lab");
        ListVirtualLinksRequest links = ListVirtualLinksRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .build();
        assertThat(grpc.networks(token).listLinks(links).getLinksList()).extracting(VirtualLink::getId)
                .containsExactly("vs2:2-vs3:1");

        grpc.networks(token).removeSwitch(RemoveSwitchRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setSwitch("vs3").build());
        assertThat(grpc.networks(token).listLinks(links).getLinksList()).isEmpty();
        grpc.networks(token).removePort(RemovePortRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setPort(port("vs2", 2)).build());
        assertThat(grpc.networks(token).listPorts(ListPortsRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setSwitch("vs2").build()).getPortsList()).extracting(p -> p.getId().getPort()).containsExactly(1);
        assertThat(grpc.networks(token).getSwitch(GetSwitchRequest.newBuilder().setTenant("beryl").setNetwork("lab")
                .setSwitch("vs1").build()).getPortsList()).hasSize(2);
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getSwitch(GetSwitchRequest.newBuilder()
                .setTenant("beryl").setNetwork("lab").setSwitch("vs9").build()))).isEqualTo("no switch vs9 in network lab");
    }

    private static AddVirtualLinkRequest link(String tenant, VirtualPortId src, VirtualPortId dst) {
        return AddVirtualLinkRequest.newBuilder().setTenant(tenant).setNetwork("lab").setSrc(src).setDst(dst).build();
    }

    private static DeclareHostRequest.Builder host(String tenant, String network, String mac, VirtualPortId port) {
        return DeclareHostRequest.newBuilder().setTenant(tenant).setNetwork(network).setMac(mac).setPort(port);
    }

    @Test
    void hostsAreDeclaredAndLearnedOnesListedBesideThem() {
        String token = tenant("coral", 1);
        network(token, "coral", "web", NetworkKind.NETWORK_KIND_BIG_SWITCH);
        grpc.networks(token).addPort(addPort("coral", "web").setAttachment(attachments("coral").get(0)).build());

        VirtualHost declared = grpc.networks(token).declareHost(host("coral", "web", "00:00:00:00:00:0A",
                port("", 1)).addIps("10.0.0.10").addIps("fd00::a").build());
        assertThat(declared).isEqualTo(VirtualHost.newBuilder().setMac("00:00:00:00:00:0A").addIps("10.0.0.10")
                .addIps("fd00::a").setPort(port("big", 1)).setDeclared(true).build());
        grpc.networks(token).declareHost(host("coral", "web", "00:00:00:00:00:0b", port("big", 1)).build());
        NetworkId network = new NetworkId(new TenantId("coral"), "web");
        net.tenants.manager.hostLearned(new io.weft.topology.virtual.VirtualHost(network,
                MacAddress.valueOf("00:00:00:00:00:0c"), Set.of(IpAddress.valueOf("10.0.0.12")),
                new io.weft.topology.virtual.VirtualPortId("big", 1), false));

        assertThat(grpc.networks(token).listHosts(ListVirtualHostsRequest.newBuilder().setTenant("coral")
                .setNetwork("web").build()).getHostsList()).extracting(h -> h.getMac() + "/" + h.getDeclared())
                .containsExactly("00:00:00:00:00:0A/true", "00:00:00:00:00:0B/true", "00:00:00:00:00:0C/false");
        assertThat(refused(Status.Code.ALREADY_EXISTS, () -> grpc.networks(token).declareHost(host("coral", "web",
                "00:00:00:00:00:0b", port("", 1)).build())))
                .isEqualTo("host 00:00:00:00:00:0B is already declared in network web");
        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.networks(token).declareHost(host("coral",
                "web", "00:00:00:00:00:0d", port("", 1)).addIps("10.0.0.10").build())))
                .startsWith("address 10.0.0.10 is already host");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).declareHost(host("coral", "web",
                "00:00:00:00:00:0d", port("", 1)).addIps("ten").build())))
                .isEqualTo("field 'ips': malformed IP address 'ten'");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).declareHost(host("coral", "web",
                "00-00-00-00-00-0d", port("", 1)).build()))).startsWith("field 'mac': malformed MAC address");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).declareHost(DeclareHostRequest
                .newBuilder().setTenant("coral").setNetwork("web").setMac("00:00:00:00:00:0d").build())))
                .isEqualTo("field 'port' is required");
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).declareHost(host("coral", "web",
                "00:00:00:00:00:0d", port("", 5)).build()))).isEqualTo("no port big:5 in network web");

        GetVirtualHostRequest learned = GetVirtualHostRequest.newBuilder().setTenant("coral").setNetwork("web")
                .setMac("00:00:00:00:00:0c").build();
        assertThat(grpc.networks(token).getHost(learned).getDeclared()).isFalse();
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).removeHost(RemoveVirtualHostRequest
                .newBuilder().setTenant("coral").setNetwork("web").setMac("00:00:00:00:00:0c").build())))
                .isEqualTo("no declared host 00:00:00:00:00:0C in network web");
        grpc.networks(token).removeHost(RemoveVirtualHostRequest.newBuilder().setTenant("coral").setNetwork("web")
                .setMac("00:00:00:00:00:0a").build());
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getHost(GetVirtualHostRequest
                .newBuilder().setTenant("coral").setNetwork("web").setMac("00:00:00:00:00:0a").build())))
                .isEqualTo("no host 00:00:00:00:00:0A in network web");
    }

    @Test
    void aCustomNetworksHostNamesItsSwitch() {
        String token = tenant("dune", 1);
        network(token, "dune", "lab", NetworkKind.NETWORK_KIND_CUSTOM);
        grpc.networks(token).addSwitch(AddSwitchRequest.newBuilder().setTenant("dune").setNetwork("lab").setId("vs1")
                .build());
        grpc.networks(token).addPort(addPort("dune", "lab").setSwitch("vs1").setAttachment(attachments("dune").get(0))
                .build());
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).declareHost(host("dune", "lab",
                "00:00:00:00:00:01", port("", 1)).build()))).contains("in a custom network");
        grpc.networks(token).declareHost(host("dune", "lab", "00:00:00:00:00:01", port("vs1", 1)).build());
    }

    @Test
    void theTopologyShowsTheTenantNoPhysicalIdAndTheAdminTheMapping() {
        String token = tenant("ember", 2);
        List<String> att = attachments("ember");
        network(token, "ember", "lab", NetworkKind.NETWORK_KIND_CUSTOM);
        for (String s : List.of("vs1", "vs2")) {
            grpc.networks(token).addSwitch(AddSwitchRequest.newBuilder().setTenant("ember").setNetwork("lab").setId(s)
                    .build());
        }
        grpc.networks(token).addPort(addPort("ember", "lab").setSwitch("vs1").setAttachment(att.get(0)).build());
        grpc.networks(token).addPort(addPort("ember", "lab").setSwitch("vs1").build());
        grpc.networks(token).addPort(addPort("ember", "lab").setSwitch("vs2").build());
        grpc.networks(token).addPort(addPort("ember", "lab").setSwitch("vs2").setAttachment(att.get(1)).build());
        grpc.networks(token).addLink(link("ember", port("vs1", 2), port("vs2", 1)));
        grpc.networks(token).declareHost(host("ember", "lab", "00:00:00:00:00:01", port("vs1", 1)).addIps("10.0.0.1")
                .build());
        NetworkId id = new NetworkId(new TenantId("ember"), "lab");
        net.realized.put(net.tenants.manager.links(id).get(0), new LinkRealization(LinkRealization.State.UP,
                List.of(new Link(new ConnectPoint(TestNetwork.S2, PortNumber.portNumber(3)),
                        new ConnectPoint(TestNetwork.S3, PortNumber.portNumber(2))))));
        io.weft.northbound.grpc.v1.GetVirtualTopologyRequest request = io.weft.northbound.grpc.v1
                .GetVirtualTopologyRequest.newBuilder().setTenant("ember").setNetwork("lab").build();

        VirtualTopology mine = grpc.networks(token).getTopology(request);
        assertThat(mine.getNetwork()).isEqualTo(Network.newBuilder().setId("lab")
                .setKind(NetworkKind.NETWORK_KIND_CUSTOM).build());
        assertThat(mine.getSwitchesList()).extracting(VirtualSwitch::getId).containsExactly("vs1", "vs2");
        assertThat(mine.getSwitches(0).getPortsList()).containsExactly(
                VirtualPort.newBuilder().setId(port("vs1", 1)).setAttachment(att.get(0)).build(),
                VirtualPort.newBuilder().setId(port("vs1", 2)).build());
        assertThat(mine.getLinksList()).containsExactly(VirtualLink.newBuilder().setId("vs1:2-vs2:1")
                .setSrc(port("vs1", 2)).setDst(port("vs2", 1)).setState(LinkState.LINK_STATE_UP).build());
        assertThat(mine.getHostsList()).extracting(VirtualHost::getMac).containsExactly("00:00:00:00:00:01");
        assertThat(mine.toString()).doesNotContain("of:").doesNotContain("tag").doesNotContain("physical");

        VirtualTopology all = grpc.networks(ADMIN).getTopology(request);
        assertThat(all.getNetwork().getTag()).isEqualTo(net.tenants.manager.network(id).orElseThrow().tag());
        assertThat(all.getSwitches(0).getPorts(0).getPhysical().getPoint().getDevice()).isEqualTo("of:0000000000000002");
        assertThat(all.getSwitches(0).getPorts(0).getPhysical().getVlan()).isEqualTo(20);
        assertThat(all.getSwitches(0).getPorts(1).hasPhysical()).isFalse();
        assertThat(all.getLinks(0).getPathList()).hasSize(1);
        assertThat(all.getLinks(0).getPath(0).getSrc().getDevice()).isEqualTo("of:0000000000000002");
    }

    @Test
    void aBadNetworkIsRefusedAndChangesNothing() {
        String token = tenant("flint", 0);
        long revision = net.tenants.store.revision();
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).createNetwork(CreateNetworkRequest
                .newBuilder().setTenant("flint").setId("web").build()))).isEqualTo("field 'kind' is required");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.networks(token).createNetwork(CreateNetworkRequest
                .newBuilder().setTenant("flint").setId("web").setKindValue(7).build()))).contains("unknown kind");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> network(token, "flint", "Web",
                NetworkKind.NETWORK_KIND_CUSTOM))).startsWith("field 'id': malformed network id 'Web'");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> network(token, "flint", "",
                NetworkKind.NETWORK_KIND_CUSTOM))).isEqualTo("field 'id' is required");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> network(token, "", "web",
                NetworkKind.NETWORK_KIND_CUSTOM))).isEqualTo("field 'tenant' is required");
        assertThat(net.tenants.store.revision()).isEqualTo(revision);

        network(token, "flint", "web", NetworkKind.NETWORK_KIND_CUSTOM);
        assertThat(refused(Status.Code.ALREADY_EXISTS, () -> network(token, "flint", "web",
                NetworkKind.NETWORK_KIND_BIG_SWITCH))).isEqualTo("network web exists");
    }

    @Test
    void anotherTenantsNetworkIsNotFoundWhateverIsAsked() {
        String grey = tenant("grey", 1);
        String hazel = tenant("hazel", 1);
        network(hazel, "hazel", "web", NetworkKind.NETWORK_KIND_BIG_SWITCH);
        grpc.networks(hazel).addPort(addPort("hazel", "web").setAttachment(attachments("hazel").get(0)).build());
        long revision = net.tenants.store.revision();
        List<ThrowingCallable> calls = List.of(
                () -> grpc.networks(grey).getNetwork(GetNetworkRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").build()),
                () -> grpc.networks(grey).getTopology(io.weft.northbound.grpc.v1.GetVirtualTopologyRequest
                        .newBuilder().setTenant("hazel").setNetwork("web").build()),
                () -> grpc.networks(grey).listSwitches(ListSwitchesRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").build()),
                () -> grpc.networks(grey).listPorts(ListPortsRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").build()),
                () -> grpc.networks(grey).getPort(GetPortRequest.newBuilder().setTenant("hazel").setNetwork("web")
                        .setPort(port("", 1)).build()),
                () -> grpc.networks(grey).addPort(addPort("hazel", "web").setAttachment(attachments("grey").get(0))
                        .build()),
                () -> grpc.networks(grey).removePort(RemovePortRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").setPort(port("", 1)).build()),
                () -> grpc.networks(grey).listHosts(ListVirtualHostsRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").build()),
                () -> grpc.networks(grey).declareHost(host("hazel", "web", "00:00:00:00:00:01", port("", 1)).build()),
                () -> grpc.networks(grey).deleteNetwork(DeleteNetworkRequest.newBuilder().setTenant("hazel")
                        .setNetwork("web").build()));
        for (ThrowingCallable call : calls) {
            assertThat(refused(Status.Code.NOT_FOUND, call)).isEqualTo("no tenant hazel");
        }
        assertThat(net.tenants.store.revision()).as("nothing changed").isEqualTo(revision);
        assertThat(grpc.networks(grey).listNetworks(ListNetworksRequest.newBuilder().setTenant("grey").build())
                .getNetworksList()).isEmpty();
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(grey).getNetwork(GetNetworkRequest.newBuilder()
                .setTenant("grey").setNetwork("web").build()))).as("its own tenant has no such network")
                .isEqualTo("no network web");
    }
}

package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static io.weft.northbound.TestNetwork.S3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.weft.metrics.Counters;
import io.weft.northbound.grpc.v1.ConnectPoint;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.Device;
import io.weft.northbound.grpc.v1.FindPathsRequest;
import io.weft.northbound.grpc.v1.FlowAction;
import io.weft.northbound.grpc.v1.FlowEntry;
import io.weft.northbound.grpc.v1.FlowMatch;
import io.weft.northbound.grpc.v1.FlowState;
import io.weft.northbound.grpc.v1.GetDeviceRequest;
import io.weft.northbound.grpc.v1.Host;
import io.weft.northbound.grpc.v1.Link;
import io.weft.northbound.grpc.v1.ListDevicePortsRequest;
import io.weft.northbound.grpc.v1.ListDevicesRequest;
import io.weft.northbound.grpc.v1.ListFlowsRequest;
import io.weft.northbound.grpc.v1.ListHostsRequest;
import io.weft.northbound.grpc.v1.ListLinksRequest;
import io.weft.northbound.grpc.v1.Path;
import io.weft.northbound.grpc.v1.Port;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * {@code weft.v1.Topology} and {@code weft.v1.Flows} over gRPC: the physical fabric, field by
 * field, for the admin; refused to a tenant's token. One server for the class, reading the
 * network built here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcTopologyTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private final Counters counters = net.counters;
    private RestApi api;
    private GrpcClient grpc;

    @BeforeAll
    void start() {
        net.taggedHost(0x10, (short) 100, S2, 1);
        net.flowRules.install(new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
                .withEthSrc(MacAddress.valueOf(1)).withEthDst(MacAddress.valueOf(3)).withEthType(0x0800),
                List.of(Action.output(PortNumber.portNumber(2))), Cookies.cookie(TestNetwork.FORWARDING, 0), 30, 0));
        net.flowRules.refuse(S3, "OFPET_BAD_ACTION/OFPBAC_BAD_OUT_PORT").install(new FlowRule(S3, 0, 5,
                TrafficMatch.ANY.withVlan(VlanId.NONE), List.of(Action.pushVlan(VlanId.vlanId((short) 2001)),
                Action.output(PortNumber.FLOOD), Action.popVlan()), Cookies.cookie(new AppId(9, "gone"), 7), 0, 60));
        net.retriedRules(S3);
        net.flowRules.hold(S2).install(new FlowRule(S2, 1, 1, TrafficMatch.ANY.withVlan(VlanId.vlanId((short) 100)),
                List.of(Action.setVlan(VlanId.vlanId((short) 200))), 0x1234L, 0, 0));
        api = net.api();
        api.start();
        grpc = new GrpcClient(api.grpcAddress());
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    private static ConnectPoint point(String device, int port) {
        return ConnectPoint.newBuilder().setDevice(device).setPort(port).build();
    }

    private static Link link(String src, int srcPort, String dst, int dstPort) {
        return Link.newBuilder().setSrc(point(src, srcPort)).setDst(point(dst, dstPort)).build();
    }

    @Test
    void devicesWithTheirPorts() {
        List<Device> devices = grpc.topology(ADMIN).listDevices(ListDevicesRequest.getDefaultInstance())
                .getDevicesList();
        assertThat(devices).extracting(Device::getId).containsExactly("of:0000000000000001", "of:0000000000000002",
                "of:0000000000000003", "of:0000000000000004");
        Port s1eth1 = Port.newBuilder().setNumber(1).setName("s1-eth1").setUp(true).setMac("BE:EF:00:00:01:01")
                .setSpeedMbps(10_000).build();
        assertThat(devices.get(0)).isEqualTo(Device.newBuilder().setId("of:0000000000000001").setAvailable(true)
                .setProtocol("OF_13").setManufacturer("Nicira, Inc.").setHardware("Open vSwitch").setSoftware("3.1.0")
                .setSerial("None").addPorts(s1eth1).addPorts(s1eth1.toBuilder().setNumber(2).setName("s1-eth2")
                        .setMac("BE:EF:00:00:01:02")).build());
        assertThat(grpc.topology(ADMIN).getDevice(GetDeviceRequest.newBuilder().setDevice("of:0000000000000003")
                .build()).getId()).isEqualTo("of:0000000000000003");
        assertThat(grpc.topology(ADMIN).listDevicePorts(ListDevicePortsRequest.newBuilder()
                .setDevice("of:0000000000000001").build()).getPortsList()).isEqualTo(devices.get(0).getPortsList());
    }

    @Test
    void devicesAreNamedStrictly() {
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.topology(ADMIN).getDevice(GetDeviceRequest.newBuilder()
                .setDevice("of:00000000000000FF").build()))).isEqualTo("no device of:00000000000000ff");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.topology(ADMIN).getDevice(GetDeviceRequest
                .newBuilder().setDevice("of:1").build())))
                .isEqualTo("field 'device': malformed device id 'of:1': expected of: and 16 hex digits,"
                        + " e.g. of:0000000000000001");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.topology(ADMIN).listDevicePorts(
                ListDevicePortsRequest.getDefaultInstance()))).isEqualTo("field 'device' is required");
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder()
                .setDevice("of:00000000000000ff").build()))).isEqualTo("no device of:00000000000000ff");
    }

    @Test
    void linksListEachDirection() {
        assertThat(grpc.topology(ADMIN).listLinks(ListLinksRequest.getDefaultInstance()).getLinksList())
                .hasSize(4).contains(link("of:0000000000000001", 2, "of:0000000000000002", 2),
                        link("of:0000000000000002", 2, "of:0000000000000001", 2));
    }

    @Test
    void hostsWithVlanAddressesLocationAndLastSeen() {
        List<Host> hosts = grpc.topology(ADMIN).listHosts(ListHostsRequest.getDefaultInstance()).getHostsList();
        assertThat(hosts.get(0)).isEqualTo(Host.newBuilder().setMac("00:00:00:00:00:01").addIps("10.0.0.1")
                .setLocation(point("of:0000000000000001", 1))
                .setLastSeen(Timestamp.newBuilder().setSeconds(TestNetwork.NOW.getEpochSecond())).build());
        assertThat(hosts).extracting(h -> h.getMac() + "/" + (h.hasVlan() ? h.getVlan() : "untagged"))
                .containsExactly("00:00:00:00:00:01/untagged", "00:00:00:00:00:03/untagged",
                        "00:00:00:00:00:04/untagged", "00:00:00:00:00:10/100");
    }

    @Test
    void pathsBetweenDevicesAndBetweenHosts() {
        assertThat(grpc.topology(ADMIN).findPaths(FindPathsRequest.newBuilder().setSrc("of:0000000000000001")
                .setDst("of:0000000000000003").build()).getPathsList()).containsExactly(Path.newBuilder()
                .setSrc("of:0000000000000001").setDst("of:0000000000000003").setCost(2)
                .addLinks(link("of:0000000000000001", 2, "of:0000000000000002", 2))
                .addLinks(link("of:0000000000000002", 3, "of:0000000000000003", 2)).build());
        Path hosts = grpc.topology(ADMIN).findPaths(FindPathsRequest.newBuilder().setSrc("00:00:00:00:00:03")
                .setDst("00:00:00:00:00:01").build()).getPaths(0);
        assertThat(hosts.getSrcEdge()).isEqualTo(point("of:0000000000000003", 1));
        assertThat(hosts.getDstEdge()).isEqualTo(point("of:0000000000000001", 1));
        assertThat(hosts.getLinksCount()).isEqualTo(2);
        assertThat(grpc.topology(ADMIN).findPaths(FindPathsRequest.newBuilder().setSrc("of:0000000000000001")
                .setDst("of:0000000000000004").build()).getPathsList()).as("not connected").isEmpty();
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.topology(ADMIN).findPaths(FindPathsRequest
                .newBuilder().setSrc("of:0000000000000001").setDst("00:00:00:00:00:01").build())))
                .startsWith("src and dst must both be device ids or both host MACs");
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.topology(ADMIN).findPaths(FindPathsRequest.newBuilder()
                .setSrc("00:00:00:00:00:99").setDst("00:00:00:00:00:01").build()))).isEqualTo("no host 00:00:00:00:00:99");
    }

    @Test
    void flowsShowStateOwnerMatchActionsAndErrors() {
        assertThat(grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder().setDevice("of:0000000000000001")
                .build()).getFlowsList()).containsExactly(FlowEntry.newBuilder().setTable(0).setPriority(10)
                .setMatch(FlowMatch.newBuilder().setInPort(1).setEthSrc("00:00:00:00:00:01")
                        .setEthDst("00:00:00:00:00:03").setEthType(0x0800))
                .addActions(FlowAction.newBuilder().setOutput(FlowAction.Output.newBuilder().setPort(2).setName("2")))
                .setCookie(0x5701000000000000L).setIdleTimeout(30).setState(FlowState.FLOW_STATE_INSTALLED)
                .setAppId(1).setApp("forwarding").build());

        FlowEntry failed = grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder().setDevice("of:0000000000000003")
                .build()).getFlows(0);
        assertThat(failed.getState()).isEqualTo(FlowState.FLOW_STATE_FAILED);
        assertThat(failed.getError()).isEqualTo("OFPET_BAD_ACTION/OFPBAC_BAD_OUT_PORT");
        assertThat(failed.getApp()).isEqualTo("unknown");
        assertThat(failed.getMatch()).isEqualTo(FlowMatch.newBuilder().setUntagged(true).build());
        assertThat(failed.getActionsList()).containsExactly(FlowAction.newBuilder().setPushVlan(2001).build(),
                FlowAction.newBuilder().setOutput(FlowAction.Output.newBuilder()
                        .setPort(PortNumber.FLOOD.toLong()).setName("FLOOD")).build(),
                FlowAction.newBuilder().setPopVlan(FlowAction.PopVlan.getDefaultInstance()).build());

        assertThat(failed.getAttempts()).isZero();
        assertThat(failed.hasNextRetry()).isFalse();
        assertThat(failed.getGaveUp()).isFalse();
        List<FlowEntry> retried = grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder()
                .setDevice("of:0000000000000003").build()).getFlowsList().subList(1, 3);
        assertThat(retried).extracting(FlowEntry::getPriority, FlowEntry::getAttempts, FlowEntry::hasNextRetry,
                FlowEntry::getGaveUp).containsExactly(tuple(4, 2, true, false), tuple(3, 6, false, true));
        assertThat(retried.get(0).getNextRetry()).isEqualTo(Timestamp.newBuilder()
                .setSeconds(TestNetwork.NEXT_RETRY.getEpochSecond()).build());
        assertThat(retried.get(1).getError()).isEqualTo("gave up after 6 attempt(s): TABLE_FULL");

        FlowEntry pending = grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder()
                .setDevice("of:0000000000000002").build()).getFlows(0);
        assertThat(pending.getState()).isEqualTo(FlowState.FLOW_STATE_PENDING);
        assertThat(pending.getApp()).isEqualTo("none");
        assertThat(pending.getAppId()).isEqualTo(-1);
        assertThat(pending.getMatch().getVlanId()).isEqualTo(100);
        assertThat(pending.getActions(0).getSetVlan()).isEqualTo(200);
        assertThat(grpc.flows(ADMIN).listFlows(ListFlowsRequest.newBuilder().setDevice("of:0000000000000004")
                .build()).getFlowsList()).isEmpty();
    }

    @Test
    void aTenantsTokenReachesNoneOfTheFabric() {
        String token = grpc.tenants(ADMIN).createTenant(CreateTenantRequest.newBuilder().setId("nosy").build())
                .getToken();
        long before = counters.get("grpc.refused.permission_denied");
        List<ThrowingCallable> calls = List.of(
                () -> grpc.topology(token).listDevices(ListDevicesRequest.getDefaultInstance()),
                () -> grpc.topology(token).getDevice(GetDeviceRequest.newBuilder().setDevice("of:0000000000000001")
                        .build()),
                () -> grpc.topology(token).listDevicePorts(ListDevicePortsRequest.newBuilder()
                        .setDevice("of:0000000000000001").build()),
                () -> grpc.topology(token).listLinks(ListLinksRequest.getDefaultInstance()),
                () -> grpc.topology(token).listHosts(ListHostsRequest.getDefaultInstance()),
                () -> grpc.topology(token).findPaths(FindPathsRequest.newBuilder().setSrc("of:0000000000000001")
                        .setDst("of:0000000000000002").build()),
                () -> grpc.flows(token).listFlows(ListFlowsRequest.newBuilder().setDevice("of:0000000000000001")
                        .build()));
        for (ThrowingCallable call : calls) {
            assertThat(refused(Status.Code.PERMISSION_DENIED, call))
                    .isEqualTo("the physical fabric is for the admin token only");
        }
        assertThat(counters.get("grpc.refused.permission_denied")).isEqualTo(before + calls.size());
    }
}

package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;

import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.Device;
import io.weft.northbound.grpc.v1.DeviceStats;
import io.weft.northbound.grpc.v1.FindPathsRequest;
import io.weft.northbound.grpc.v1.FindPathsResponse;
import io.weft.northbound.grpc.v1.GetDeviceRequest;
import io.weft.northbound.grpc.v1.GetDeviceStatsRequest;
import io.weft.northbound.grpc.v1.ListDevicePortsRequest;
import io.weft.northbound.grpc.v1.ListDevicePortsResponse;
import io.weft.northbound.grpc.v1.ListDevicesRequest;
import io.weft.northbound.grpc.v1.ListDevicesResponse;
import io.weft.northbound.grpc.v1.ListHostsRequest;
import io.weft.northbound.grpc.v1.ListHostsResponse;
import io.weft.northbound.grpc.v1.ListLinksRequest;
import io.weft.northbound.grpc.v1.ListLinksResponse;
import io.weft.northbound.grpc.v1.TopologyGrpc;
import io.weft.northbound.service.FabricService;

/** {@code weft.v1.Topology} over {@link FabricService}: the physical fabric, for the admin. */
final class TopologyGrpcService extends TopologyGrpc.TopologyImplBase {
    private final FabricService fabric;

    TopologyGrpcService(FabricService fabric) {
        this.fabric = fabric;
    }

    @Override
    public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> out) {
        Calls.unary(out, () -> ListDevicesResponse.newBuilder()
                .addAllDevices(fabric.devices(caller()).stream().map(FabricProtos::device).toList()).build());
    }

    @Override
    public void getDevice(GetDeviceRequest request, StreamObserver<Device> out) {
        Calls.unary(out, () -> FabricProtos.device(fabric.device(caller(), Requests.device(request.getDevice()))));
    }

    @Override
    public void listDevicePorts(ListDevicePortsRequest request, StreamObserver<ListDevicePortsResponse> out) {
        Calls.unary(out, () -> ListDevicePortsResponse.newBuilder().addAllPorts(fabric.ports(caller(),
                Requests.device(request.getDevice())).stream().map(FabricProtos::port).toList()).build());
    }

    @Override
    public void listLinks(ListLinksRequest request, StreamObserver<ListLinksResponse> out) {
        Calls.unary(out, () -> ListLinksResponse.newBuilder()
                .addAllLinks(fabric.links(caller()).stream().map(Protos::link).toList()).build());
    }

    @Override
    public void listHosts(ListHostsRequest request, StreamObserver<ListHostsResponse> out) {
        Calls.unary(out, () -> ListHostsResponse.newBuilder()
                .addAllHosts(fabric.hosts(caller()).stream().map(FabricProtos::host).toList()).build());
    }

    @Override
    public void findPaths(FindPathsRequest request, StreamObserver<FindPathsResponse> out) {
        Calls.unary(out, () -> FindPathsResponse.newBuilder().addAllPaths(fabric.paths(caller(), request.getSrc(),
                request.getDst()).stream().map(FabricProtos::path).toList()).build());
    }

    @Override
    public void getDeviceStats(GetDeviceStatsRequest request, StreamObserver<DeviceStats> out) {
        Calls.unary(out, () -> StatsProtos.device(fabric.stats(caller(), Requests.device(request.getDevice()))));
    }
}

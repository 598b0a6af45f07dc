package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;

import com.google.protobuf.Empty;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.AddPortRequest;
import io.weft.northbound.grpc.v1.AddSwitchRequest;
import io.weft.northbound.grpc.v1.AddVirtualLinkRequest;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.DeclareHostRequest;
import io.weft.northbound.grpc.v1.DeleteNetworkRequest;
import io.weft.northbound.grpc.v1.GetNetworkRequest;
import io.weft.northbound.grpc.v1.GetNetworkStatsRequest;
import io.weft.northbound.grpc.v1.GetPortRequest;
import io.weft.northbound.grpc.v1.GetSwitchRequest;
import io.weft.northbound.grpc.v1.GetVirtualHostRequest;
import io.weft.northbound.grpc.v1.GetVirtualLinkRequest;
import io.weft.northbound.grpc.v1.GetVirtualTopologyRequest;
import io.weft.northbound.grpc.v1.ListNetworksRequest;
import io.weft.northbound.grpc.v1.ListNetworksResponse;
import io.weft.northbound.grpc.v1.ListPortsRequest;
import io.weft.northbound.grpc.v1.ListPortsResponse;
import io.weft.northbound.grpc.v1.ListSwitchesRequest;
import io.weft.northbound.grpc.v1.ListSwitchesResponse;
import io.weft.northbound.grpc.v1.ListVirtualHostsRequest;
import io.weft.northbound.grpc.v1.ListVirtualHostsResponse;
import io.weft.northbound.grpc.v1.ListVirtualLinksRequest;
import io.weft.northbound.grpc.v1.ListVirtualLinksResponse;
import io.weft.northbound.grpc.v1.Network;
import io.weft.northbound.grpc.v1.NetworkStats;
import io.weft.northbound.grpc.v1.RemovePortRequest;
import io.weft.northbound.grpc.v1.RemoveSwitchRequest;
import io.weft.northbound.grpc.v1.RemoveVirtualHostRequest;
import io.weft.northbound.grpc.v1.RemoveVirtualLinkRequest;
import io.weft.northbound.grpc.v1.VirtualHost;
import io.weft.northbound.grpc.v1.VirtualLink;
import io.weft.northbound.grpc.v1.VirtualNetworksGrpc;
import io.weft.northbound.grpc.v1.VirtualPort;
import io.weft.northbound.grpc.v1.VirtualPortId;
import io.weft.northbound.grpc.v1.VirtualSwitch;
import io.weft.northbound.grpc.v1.VirtualTopology;
import io.weft.northbound.service.Fields;
import io.weft.northbound.service.HostRequest;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.LinkEnds;
import io.weft.northbound.service.NetworkRequest;
import io.weft.northbound.service.NetworkService;
import io.weft.northbound.service.PortView;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.StatsService;
import io.weft.northbound.service.VirtualHostService;
import io.weft.northbound.service.VirtualLinkService;
import io.weft.topology.virtual.NetworkId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * {@code weft.v1.VirtualNetworks} over {@link NetworkService}, {@link VirtualLinkService},
 * {@link VirtualHostService} and, for a network's edge traffic, {@link StatsService}. A port whose switch is left empty is a big switch's port by
 * number, as REST's {@code .../networks/{n}/ports/{p}}. Its calls run on Armeria's blocking
 * executor: changes wait for the durable store.
 */
@Blocking
final class VirtualNetworksGrpcService extends VirtualNetworksGrpc.VirtualNetworksImplBase {
    private final NetworkService networks;
    private final VirtualLinkService links;
    private final VirtualHostService hosts;
    private final StatsService stats;

    VirtualNetworksGrpcService(NetworkService networks, VirtualLinkService links, VirtualHostService hosts,
                               StatsService stats) {
        this.networks = networks;
        this.links = links;
        this.hosts = hosts;
        this.stats = stats;
    }

    @Override
    public void listNetworks(ListNetworksRequest request, StreamObserver<ListNetworksResponse> out) {
        Calls.unary(out, () -> ListNetworksResponse.newBuilder().addAllNetworks(networks.networks(caller(),
                Requests.tenant(request.getTenant())).stream().map(Protos::network).toList()).build());
    }

    @Override
    public void createNetwork(CreateNetworkRequest request, StreamObserver<Network> out) {
        Calls.unary(out, () -> Protos.network(networks.createNetwork(caller(), Requests.tenant(request.getTenant()),
                () -> new NetworkRequest(Fields.required("id", request.getId(), text -> Ids.name("network id", text)),
                        Requests.kind(request.getKind())))));
    }

    @Override
    public void getNetwork(GetNetworkRequest request, StreamObserver<Network> out) {
        Calls.unary(out, () -> Protos.network(networks.network(caller(),
                Requests.network(request.getTenant(), request.getNetwork()))));
    }

    @Override
    public void deleteNetwork(DeleteNetworkRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> networks.deleteNetwork(caller(),
                Requests.network(request.getTenant(), request.getNetwork())));
    }

    @Override
    public void getTopology(GetVirtualTopologyRequest request, StreamObserver<VirtualTopology> out) {
        Calls.unary(out, () -> Protos.topology(networks.topology(caller(),
                Requests.network(request.getTenant(), request.getNetwork()))));
    }

    @Override
    public void getNetworkStats(GetNetworkStatsRequest request, StreamObserver<NetworkStats> out) {
        Calls.unary(out, () -> StatsProtos.network(stats.network(caller(),
                Requests.network(request.getTenant(), request.getNetwork()))));
    }

    @Override
    public void listSwitches(ListSwitchesRequest request, StreamObserver<ListSwitchesResponse> out) {
        Calls.unary(out, () -> ListSwitchesResponse.newBuilder().addAllSwitches(networks.switches(caller(),
                Requests.network(request.getTenant(), request.getNetwork())).stream().map(Protos::virtualSwitch)
                .toList()).build());
    }

    @Override
    public void addSwitch(AddSwitchRequest request, StreamObserver<VirtualSwitch> out) {
        Calls.unary(out, () -> Protos.virtualSwitch(networks.addSwitch(caller(),
                Requests.network(request.getTenant(), request.getNetwork()),
                () -> Requests.virtualSwitch("id", request.getId()))));
    }

    @Override
    public void getSwitch(GetSwitchRequest request, StreamObserver<VirtualSwitch> out) {
        Calls.unary(out, () -> Protos.virtualSwitch(networks.virtualSwitch(caller(),
                Requests.network(request.getTenant(), request.getNetwork()),
                Requests.virtualSwitch("switch", request.getSwitch()))));
    }

    @Override
    public void removeSwitch(RemoveSwitchRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> networks.removeSwitch(caller(),
                Requests.network(request.getTenant(), request.getNetwork()),
                Requests.virtualSwitch("switch", request.getSwitch())));
    }

    @Override
    public void listPorts(ListPortsRequest request, StreamObserver<ListPortsResponse> out) {
        Calls.unary(out, () -> {
            Principal who = caller();
            NetworkId id = Requests.network(request.getTenant(), request.getNetwork());
            return ListPortsResponse.newBuilder().addAllPorts((request.getSwitch().isEmpty()
                    ? networks.ports(who, id)
                    : networks.switchPorts(who, id, Requests.virtualSwitch("switch", request.getSwitch())))
                    .stream().map(Protos::port).toList()).build();
        });
    }

    @Override
    public void addPort(AddPortRequest request, StreamObserver<VirtualPort> out) {
        Calls.unary(out, () -> {
            Principal who = caller();
            NetworkId id = Requests.network(request.getTenant(), request.getNetwork());
            Supplier<Optional<String>> attachment = () -> request.getAttachment().isEmpty() ? Optional.empty()
                    : Optional.of(Requests.attachment(request.getAttachment()));
            return Protos.port(request.getSwitch().isEmpty() ? networks.addBigSwitchPort(who, id, attachment)
                    : networks.addSwitchPort(who, id, Requests.virtualSwitch("switch", request.getSwitch()),
                            attachment));
        });
    }

    @Override
    public void getPort(GetPortRequest request, StreamObserver<VirtualPort> out) {
        Calls.unary(out, () -> Protos.port(port(request.getTenant(), request.getNetwork(), request.hasPort(),
                request.getPort())));
    }

    @Override
    public void removePort(RemovePortRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> {
            Principal who = caller();
            NetworkId id = Requests.network(request.getTenant(), request.getNetwork());
            if (!request.hasPort()) {
                throw Fields.required("port");
            }
            VirtualPortId port = request.getPort();
            int number = Requests.portNumber("port.port", port.getPort());
            if (port.getSwitch().isEmpty()) {
                networks.removeBigSwitchPort(who, id, number);
            } else {
                networks.removeSwitchPort(who, id, Requests.virtualSwitch("port.switch", port.getSwitch()), number);
            }
        });
    }

    /** The port named in a request: by its switch, or with the switch left empty, a big switch's by number. */
    private PortView port(String tenant, String network, boolean present, VirtualPortId port) {
        Principal who = caller();
        NetworkId id = Requests.network(tenant, network);
        if (!present) {
            throw Fields.required("port");
        }
        int number = Requests.portNumber("port.port", port.getPort());
        return port.getSwitch().isEmpty() ? networks.bigSwitchPort(who, id, number)
                : networks.switchPort(who, id, Requests.virtualSwitch("port.switch", port.getSwitch()), number);
    }

    @Override
    public void listLinks(ListVirtualLinksRequest request, StreamObserver<ListVirtualLinksResponse> out) {
        Calls.unary(out, () -> ListVirtualLinksResponse.newBuilder().addAllLinks(links.links(caller(),
                Requests.network(request.getTenant(), request.getNetwork())).stream().map(Protos::link).toList())
                .build());
    }

    @Override
    public void addLink(AddVirtualLinkRequest request, StreamObserver<VirtualLink> out) {
        Calls.unary(out, () -> Protos.link(links.addLink(caller(),
                Requests.network(request.getTenant(), request.getNetwork()),
                () -> new LinkEnds(Requests.port("src", request.hasSrc(), request.getSrc()),
                        Requests.port("dst", request.hasDst(), request.getDst())))));
    }

    @Override
    public void getLink(GetVirtualLinkRequest request, StreamObserver<VirtualLink> out) {
        Calls.unary(out, () -> Protos.link(links.link(caller(),
                Requests.network(request.getTenant(), request.getNetwork()),
                new LinkEnds(Requests.port("src", request.hasSrc(), request.getSrc()),
                        Requests.port("dst", request.hasDst(), request.getDst())))));
    }

    @Override
    public void removeLink(RemoveVirtualLinkRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> links.removeLink(caller(), Requests.network(request.getTenant(), request.getNetwork()),
                new LinkEnds(Requests.port("src", request.hasSrc(), request.getSrc()),
                        Requests.port("dst", request.hasDst(), request.getDst()))));
    }

    @Override
    public void listHosts(ListVirtualHostsRequest request, StreamObserver<ListVirtualHostsResponse> out) {
        Calls.unary(out, () -> ListVirtualHostsResponse.newBuilder().addAllHosts(hosts.hosts(caller(),
                Requests.network(request.getTenant(), request.getNetwork())).stream().map(Protos::host).toList())
                .build());
    }

    @Override
    public void declareHost(DeclareHostRequest request, StreamObserver<VirtualHost> out) {
        Calls.unary(out, () -> Protos.host(hosts.declareHost(caller(),
                Requests.network(request.getTenant(), request.getNetwork()), () -> hostRequest(request))));
    }

    private static HostRequest hostRequest(DeclareHostRequest request) {
        MacAddress mac = Requests.mac(request.getMac());
        Set<IpAddress> ips = request.getIpsList().stream().map(ip -> Fields.parse("ips", ip, Ids::ip))
                .collect(Collectors.toSet());
        if (!request.hasPort()) {
            throw Fields.required("port");
        }
        VirtualPortId port = request.getPort();
        return new HostRequest(mac, ips, port.getSwitch().isEmpty()
                ? new HostRequest.OfBigSwitch(() -> Requests.portNumber("port.port", port.getPort()))
                : new HostRequest.OnSwitch(Requests.port("port", true, port)));
    }

    @Override
    public void getHost(GetVirtualHostRequest request, StreamObserver<VirtualHost> out) {
        Calls.unary(out, () -> Protos.host(hosts.host(caller(),
                Requests.network(request.getTenant(), request.getNetwork()), Requests.mac(request.getMac()))));
    }

    @Override
    public void removeHost(RemoveVirtualHostRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> hosts.removeHost(caller(),
                Requests.network(request.getTenant(), request.getNetwork()), Requests.mac(request.getMac())));
    }
}

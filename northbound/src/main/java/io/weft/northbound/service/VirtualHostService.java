package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.util.List;
import java.util.function.Supplier;
import org.onlab.packet.MacAddress;

/**
 * A network's hosts, for the admin or the tenant: the declared ones and those learned from
 * traffic. Only declared hosts are removed here; a learned one goes when it is no longer seen.
 */
public final class VirtualHostService {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final Access access;

    VirtualHostService(VirtualNetworkService networks, VirtualNetworkAdminService admin, Access access) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
    }

    public List<VirtualHost> hosts(Principal who, NetworkId id) {
        access.network(who, id);
        return networks.hosts(id);
    }

    public VirtualHost declareHost(Principal who, NetworkId id, Supplier<HostRequest> request) {
        VirtualNetwork network = access.network(who, id);
        HostRequest host = request.get();
        VirtualPortId port = switch (host.port()) {
            case HostRequest.OnSwitch named -> named.port();
            case HostRequest.OfBigSwitch numbered -> {
                if (network.kind() != VirtualNetwork.Kind.BIG_SWITCH) {
                    throw ServiceException.invalid(Fields.name("port") + " must be {\"switch\": .., \"port\": ..}"
                            + " in a custom network");
                }
                yield new VirtualPortId(VirtualPort.BIG_SWITCH, numbered.number().getAsInt());
            }
        };
        return ServiceException.changing(() -> admin.declareHost(id, host.mac(), host.ips(), port));
    }

    public VirtualHost host(Principal who, NetworkId id, MacAddress mac) {
        return require(who, id, mac);
    }

    public void removeHost(Principal who, NetworkId id, MacAddress mac) {
        VirtualHost host = require(who, id, mac);
        ServiceException.changing(() -> admin.removeHost(host.network(), host.mac()));
    }

    private VirtualHost require(Principal who, NetworkId id, MacAddress mac) {
        access.network(who, id);
        return networks.host(id, mac).orElseThrow(() -> ServiceException.notFound("no host " + mac + " in network "
                + id.name()));
    }
}

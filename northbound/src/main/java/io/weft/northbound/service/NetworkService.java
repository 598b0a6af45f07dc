package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualSwitch;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tenant's networks, their switches and their ports, for the admin or the tenant, and the
 * whole virtual topology at once. A big switch's one switch is named
 * {@link VirtualPort#BIG_SWITCH}; its ports can also be named by number alone.
 */
public final class NetworkService {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final Access access;
    private final Views views;

    NetworkService(VirtualNetworkService networks, VirtualNetworkAdminService admin, Access access, Views views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    public List<NetworkView> networks(Principal who, TenantId tenant) {
        access.tenant(who, tenant);
        return networks.networks(tenant).stream().map(n -> Views.network(n, who)).toList();
    }

    public NetworkView createNetwork(Principal who, TenantId tenant, Supplier<NetworkRequest> request) {
        access.tenant(who, tenant);
        NetworkRequest network = request.get();
        NetworkId id = new NetworkId(tenant, network.name());
        return Views.network(ServiceException.changing(() -> admin.createNetwork(id, network.kind())), who);
    }

    public NetworkView network(Principal who, NetworkId id) {
        return Views.network(access.network(who, id), who);
    }

    public void deleteNetwork(Principal who, NetworkId id) {
        access.network(who, id);
        ServiceException.changing(() -> admin.deleteNetwork(id));
    }

    public TopologyView topology(Principal who, NetworkId id) {
        return views.topology(access.network(who, id), who);
    }

    public List<SwitchView> switches(Principal who, NetworkId id) {
        access.network(who, id);
        return networks.switches(id).stream().map(s -> views.virtualSwitch(s, who)).toList();
    }

    /** Adds a switch to a custom network; {@code switchId} is read with {@link Ids#virtualSwitch}. */
    public SwitchView addSwitch(Principal who, NetworkId id, Supplier<String> switchId) {
        access.network(who, id);
        String name = switchId.get();
        return views.virtualSwitch(ServiceException.changing(() -> admin.addSwitch(id, name)), who);
    }

    public SwitchView virtualSwitch(Principal who, NetworkId id, String switchId) {
        return views.virtualSwitch(requireSwitch(who, id, switchId), who);
    }

    public void removeSwitch(Principal who, NetworkId id, String switchId) {
        VirtualSwitch found = requireSwitch(who, id, switchId);
        ServiceException.changing(() -> admin.removeSwitch(found.network(), found.id()));
    }

    private VirtualSwitch requireSwitch(Principal who, NetworkId id, String switchId) {
        access.network(who, id);
        return networks.switches(id).stream().filter(s -> s.id().equals(switchId)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no switch " + switchId + " in network " + id.name()));
    }

    /** Every port of every switch of the network. */
    public List<PortView> ports(Principal who, NetworkId id) {
        access.network(who, id);
        return networks.ports(id).stream().map(p -> views.port(p, who)).toList();
    }

    public List<PortView> switchPorts(Principal who, NetworkId id, String switchId) {
        VirtualSwitch found = requireSwitch(who, id, switchId);
        return networks.ports(id).stream().filter(p -> p.id().virtualSwitch().equals(found.id()))
                .map(p -> views.port(p, who)).toList();
    }

    /** A port of a big switch's one switch, bound to the attachment (read with {@link Ids#attachment}). */
    public PortView addBigSwitchPort(Principal who, NetworkId id, Supplier<Optional<String>> attachment) {
        VirtualNetwork network = access.network(who, id);
        if (network.kind() != VirtualNetwork.Kind.BIG_SWITCH) {
            throw ServiceException.conflict("network " + id.name() + " is custom: its ports are on its"
                    + " switches, .../switches/{switch}/ports");
        }
        return addPort(who, id, VirtualPort.BIG_SWITCH, attachment);
    }

    /** A port of the switch: an edge port bound to the attachment, or internal without one. */
    public PortView addSwitchPort(Principal who, NetworkId id, String switchId, Supplier<Optional<String>> attachment) {
        VirtualSwitch found = requireSwitch(who, id, switchId);
        return addPort(who, id, found.id(), attachment);
    }

    private PortView addPort(Principal who, NetworkId id, String switchId, Supplier<Optional<String>> attachment) {
        Optional<String> bound = attachment.get();
        return views.port(ServiceException.changing(() -> admin.addPort(id, switchId, bound)), who);
    }

    public PortView bigSwitchPort(Principal who, NetworkId id, int number) {
        return views.port(requireBigSwitchPort(who, id, number), who);
    }

    public PortView switchPort(Principal who, NetworkId id, String switchId, int number) {
        return views.port(requireSwitchPort(who, id, switchId, number), who);
    }

    public void removeBigSwitchPort(Principal who, NetworkId id, int number) {
        removePort(requireBigSwitchPort(who, id, number));
    }

    public void removeSwitchPort(Principal who, NetworkId id, String switchId, int number) {
        removePort(requireSwitchPort(who, id, switchId, number));
    }

    private void removePort(VirtualPort port) {
        ServiceException.changing(() -> admin.removePort(port.network(), port.id()));
    }

    private VirtualPort requireBigSwitchPort(Principal who, NetworkId id, int number) {
        VirtualNetwork network = access.network(who, id);
        if (network.kind() != VirtualNetwork.Kind.BIG_SWITCH) {
            throw ServiceException.notFound("no port " + number + " in network " + id.name()
                    + ": it is custom, and its ports are on its switches, .../switches/{switch}/ports/" + number);
        }
        return requirePort(id, new VirtualPortId(VirtualPort.BIG_SWITCH, number));
    }

    private VirtualPort requireSwitchPort(Principal who, NetworkId id, String switchId, int number) {
        VirtualSwitch found = requireSwitch(who, id, switchId);
        return requirePort(id, new VirtualPortId(found.id(), number));
    }

    private VirtualPort requirePort(NetworkId network, VirtualPortId port) {
        return networks.port(network, port).orElseThrow(() -> ServiceException.notFound("no port " + port
                + " in network " + network.name()));
    }
}

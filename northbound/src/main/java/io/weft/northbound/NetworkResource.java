package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualSwitch;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's networks, their switches and their ports, for the admin or the tenant:
 * {@code .../networks[/{n}]}, {@code .../networks/{n}/switches[/{s}[/ports[/{p}]]]}, and for a big
 * switch the shorthand {@code .../networks/{n}/ports[/{p}]} for the ports of its one switch.
 */
final class NetworkResource {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final TenantAccess access;
    private final VirtualViews views;

    NetworkResource(VirtualNetworkService networks, VirtualNetworkAdminService admin, TenantAccess access,
                    VirtualViews views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId tenant = access.tenant(ctx, who);
        return Json.list("networks", networks.networks(tenant), n -> VirtualViews.network(n, who));
    }

    HttpResponse create(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId tenant = access.tenant(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("id", "kind"), body -> {
            NetworkId id = body.string("id", text -> Ids.network(tenant, text));
            VirtualNetwork.Kind kind = body.string("kind", text -> VirtualNetwork.Kind.fromWireName(text)
                    .orElseThrow(() -> ApiException.badRequest("unknown kind " + ApiException.echo(text)
                            + ": expected big-switch or custom")));
            return Json.created(VirtualViews.network(admin.createNetwork(id, kind), who));
        });
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(VirtualViews.network(access.network(ctx, who), who));
    }

    HttpResponse delete(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, () -> {
            admin.deleteNetwork(id);
            return Json.deleted();
        });
    }

    HttpResponse topology(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.topology(access.network(ctx, who), who));
    }

    HttpResponse switches(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.list("switches", networks.switches(id), s -> views.virtualSwitch(s, who));
    }

    HttpResponse addSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("id"), body -> Json.created(views.virtualSwitch(
                admin.addSwitch(id, body.string("id", Ids::virtualSwitch)), who)));
    }

    HttpResponse oneSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.virtualSwitch(requireSwitch(ctx, who), who));
    }

    HttpResponse removeSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualSwitch found = requireSwitch(ctx, who);
        return TenantAccess.change(ctx, () -> {
            admin.removeSwitch(found.network(), found.id());
            return Json.deleted();
        });
    }

    private VirtualSwitch requireSwitch(ServiceRequestContext ctx, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        String name = Ids.virtualSwitch(ctx.pathParam("s"));
        return networks.switches(id).stream().filter(s -> s.id().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no switch " + name + " in network " + id.name()));
    }

    /** Every port of every switch of the network. */
    HttpResponse ports(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.list("ports", networks.ports(id), p -> views.port(p, who));
    }

    HttpResponse switchPorts(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualSwitch found = requireSwitch(ctx, who);
        return Json.list("ports", networks.ports(found.network()).stream()
                .filter(p -> p.id().virtualSwitch().equals(found.id())).toList(), p -> views.port(p, who));
    }

    /** {@code POST .../networks/{n}/ports}: a port of a big switch's one switch. */
    HttpResponse addBigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualNetwork network = access.network(ctx, who);
        if (network.kind() != VirtualNetwork.Kind.BIG_SWITCH) {
            throw ApiException.conflict("network " + network.id().name() + " is custom: its ports are on its"
                    + " switches, .../switches/{switch}/ports");
        }
        return addPort(ctx, req, who, network.id(), VirtualPort.BIG_SWITCH);
    }

    HttpResponse addSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualSwitch found = requireSwitch(ctx, who);
        return addPort(ctx, req, who, found.network(), found.id());
    }

    private HttpResponse addPort(ServiceRequestContext ctx, HttpRequest req, Principal who, NetworkId network,
                                 String switchId) {
        return TenantAccess.change(ctx, req, Set.of("attachment"), body -> {
            Optional<String> attachment = body.optionalString("attachment", Ids::attachment);
            return Json.created(views.port(admin.addPort(network, switchId, attachment), who));
        });
    }

    HttpResponse bigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.port(requireBigSwitchPort(ctx, who), who));
    }

    HttpResponse removeBigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return removePort(ctx, requireBigSwitchPort(ctx, who));
    }

    HttpResponse switchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.port(requireSwitchPort(ctx, who), who));
    }

    HttpResponse removeSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return removePort(ctx, requireSwitchPort(ctx, who));
    }

    private HttpResponse removePort(ServiceRequestContext ctx, VirtualPort port) {
        return TenantAccess.change(ctx, () -> {
            admin.removePort(port.network(), port.id());
            return Json.deleted();
        });
    }

    private VirtualPort requireBigSwitchPort(ServiceRequestContext ctx, Principal who) {
        VirtualNetwork network = access.network(ctx, who);
        int number = Ids.virtualPort(ctx.pathParam("p"));
        if (network.kind() != VirtualNetwork.Kind.BIG_SWITCH) {
            throw ApiException.notFound("no port " + number + " in network " + network.id().name()
                    + ": it is custom, and its ports are on its switches, .../switches/{switch}/ports/" + number);
        }
        return requirePort(network.id(), new VirtualPortId(VirtualPort.BIG_SWITCH, number));
    }

    private VirtualPort requireSwitchPort(ServiceRequestContext ctx, Principal who) {
        VirtualSwitch found = requireSwitch(ctx, who);
        return requirePort(found.network(), new VirtualPortId(found.id(), Ids.virtualPort(ctx.pathParam("p"))));
    }

    private VirtualPort requirePort(NetworkId network, VirtualPortId port) {
        return networks.port(network, port).orElseThrow(() -> ApiException.notFound("no port " + port
                + " in network " + network.name()));
    }
}

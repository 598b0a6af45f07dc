package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.NetworkRequest;
import io.weft.northbound.service.NetworkService;
import io.weft.northbound.service.Principal;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A tenant's networks, their switches and their ports, over {@link NetworkService}:
 * {@code .../networks[/{n}]}, {@code .../networks/{n}/switches[/{s}[/ports[/{p}]]]}, and for a big
 * switch the shorthand {@code .../networks/{n}/ports[/{p}]} for the ports of its one switch.
 */
final class NetworkResource {
    private static final Set<String> PORT = Set.of("attachment");

    private final NetworkService networks;
    private final TenantAccess access;

    NetworkResource(NetworkService networks, TenantAccess access) {
        this.networks = networks;
        this.access = access;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("networks", networks.networks(who, access.tenant(ctx, who)), VirtualJson::network);
    }

    HttpResponse create(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId tenant = access.tenant(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("id", "kind"), body -> Json.created(VirtualJson.network(
                networks.createNetwork(who, tenant, () -> {
                    JsonBody network = body.get();
                    NetworkId id = network.string("id", text -> Ids.network(tenant, text));
                    return new NetworkRequest(id.name(), network.string("kind", Ids::kind));
                }))));
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(VirtualJson.network(networks.network(who, access.networkId(ctx, who))));
    }

    HttpResponse delete(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, () -> {
            networks.deleteNetwork(who, id);
            return Json.deleted();
        });
    }

    HttpResponse topology(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(VirtualJson.topology(networks.topology(who, access.networkId(ctx, who))));
    }

    HttpResponse switches(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("switches", networks.switches(who, access.networkId(ctx, who)), VirtualJson::virtualSwitch);
    }

    HttpResponse addSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("id"), body -> Json.created(VirtualJson.virtualSwitch(
                networks.addSwitch(who, id, () -> body.get().string("id", Ids::virtualSwitch)))));
    }

    HttpResponse oneSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.ok(VirtualJson.virtualSwitch(networks.virtualSwitch(who, id, switchId(ctx))));
    }

    HttpResponse removeSwitch(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        String switchId = switchId(ctx);
        return TenantAccess.change(ctx, () -> {
            networks.removeSwitch(who, id, switchId);
            return Json.deleted();
        });
    }

    /** Every port of every switch of the network. */
    HttpResponse ports(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("ports", networks.ports(who, access.networkId(ctx, who)), VirtualJson::port);
    }

    HttpResponse switchPorts(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.list("ports", networks.switchPorts(who, id, switchId(ctx)), VirtualJson::port);
    }

    /** {@code POST .../networks/{n}/ports}: a port of a big switch's one switch. */
    HttpResponse addBigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, PORT, body -> Json.created(VirtualJson.port(
                networks.addBigSwitchPort(who, id, attachment(body)))));
    }

    HttpResponse addSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        String switchId = switchId(ctx);
        return TenantAccess.change(ctx, req, PORT, body -> Json.created(VirtualJson.port(
                networks.addSwitchPort(who, id, switchId, attachment(body)))));
    }

    private static Supplier<Optional<String>> attachment(Supplier<JsonBody> body) {
        return () -> body.get().optionalString("attachment", Ids::attachment);
    }

    HttpResponse bigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.ok(VirtualJson.port(networks.bigSwitchPort(who, id, portNumber(ctx))));
    }

    HttpResponse removeBigSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        int number = portNumber(ctx);
        return TenantAccess.change(ctx, () -> {
            networks.removeBigSwitchPort(who, id, number);
            return Json.deleted();
        });
    }

    HttpResponse switchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        String switchId = existingSwitch(ctx, who, id);
        return Json.ok(VirtualJson.port(networks.switchPort(who, id, switchId, portNumber(ctx))));
    }

    HttpResponse removeSwitchPort(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        String switchId = existingSwitch(ctx, who, id);
        int number = portNumber(ctx);
        return TenantAccess.change(ctx, () -> {
            networks.removeSwitchPort(who, id, switchId, number);
            return Json.deleted();
        });
    }

    private static String switchId(ServiceRequestContext ctx) {
        return Ids.virtualSwitch(ctx.pathParam("s"));
    }

    /** The path's switch, looked up before the port number is read: a missing switch is a 404 first. */
    private String existingSwitch(ServiceRequestContext ctx, Principal who, NetworkId id) {
        return networks.virtualSwitch(who, id, switchId(ctx)).id();
    }

    private static int portNumber(ServiceRequestContext ctx) {
        return Ids.virtualPort(ctx.pathParam("p"));
    }
}

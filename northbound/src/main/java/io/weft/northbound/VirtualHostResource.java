package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * A network's hosts, {@code .../networks/{n}/hosts[/{mac}]}, for the admin or the tenant: the
 * declared ones and those learned from traffic. Only declared hosts are deleted here; a learned
 * one goes when it is no longer seen.
 */
final class VirtualHostResource {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final TenantAccess access;

    VirtualHostResource(VirtualNetworkService networks, VirtualNetworkAdminService admin, TenantAccess access) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.list("hosts", networks.hosts(id), VirtualViews::host);
    }

    /**
     * {@code {"mac": .., "ips": [..], "port": ..}}: the port is a number on a big switch, or
     * {@code {"switch": .., "port": ..}} on any network.
     */
    HttpResponse declare(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualNetwork network = access.network(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("mac", "ips", "port"), body -> {
            MacAddress mac = body.string("mac", Ids::mac);
            Set<IpAddress> ips = new LinkedHashSet<>(body.strings("ips", VirtualHostResource::ip));
            VirtualPortId port;
            if (body.isObject("port")) {
                port = VirtualLinkResource.end(body.object("port", Set.of("switch", "port")));
            } else if (network.kind() == VirtualNetwork.Kind.BIG_SWITCH) {
                port = new VirtualPortId(VirtualPort.BIG_SWITCH,
                        (int) body.integer("port", 1, VirtualPortId.MAX_PORT));
            } else {
                throw ApiException.badRequest("field 'port' must be {\"switch\": .., \"port\": ..}"
                        + " in a custom network");
            }
            return Json.created(VirtualViews.host(admin.declareHost(network.id(), mac, ips, port)));
        });
    }

    private static IpAddress ip(String text) {
        try {
            return IpAddress.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed IP address " + ApiException.echo(text));
        }
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(VirtualViews.host(require(ctx, who)));
    }

    HttpResponse remove(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        VirtualHost host = require(ctx, who);
        return TenantAccess.change(ctx, () -> {
            admin.removeHost(host.network(), host.mac());
            return Json.deleted();
        });
    }

    private VirtualHost require(ServiceRequestContext ctx, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        MacAddress mac = Ids.mac(ctx.pathParam("mac"));
        return networks.host(id, mac).orElseThrow(() -> ApiException.notFound("no host " + mac + " in network "
                + id.name()));
    }
}

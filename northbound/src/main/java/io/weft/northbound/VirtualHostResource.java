package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.HostRequest;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.VirtualHostService;
import io.weft.topology.virtual.NetworkId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * A network's hosts, {@code .../networks/{n}/hosts[/{mac}]}, over {@link VirtualHostService}:
 * the declared ones and those learned from traffic.
 */
final class VirtualHostResource {
    private final VirtualHostService hosts;
    private final TenantAccess access;

    VirtualHostResource(VirtualHostService hosts, TenantAccess access) {
        this.hosts = hosts;
        this.access = access;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("hosts", hosts.hosts(who, access.networkId(ctx, who)), VirtualJson::host);
    }

    /**
     * {@code {"mac": .., "ips": [..], "port": ..}}: the port is a number on a big switch, or
     * {@code {"switch": .., "port": ..}} on any network.
     */
    HttpResponse declare(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("mac", "ips", "port"), body -> Json.created(VirtualJson.host(
                hosts.declareHost(who, id, () -> {
                    JsonBody host = body.get();
                    MacAddress mac = host.string("mac", Ids::mac);
                    Set<IpAddress> ips = new LinkedHashSet<>(host.strings("ips", Ids::ip));
                    HostRequest.Port port = host.isObject("port")
                            ? new HostRequest.OnSwitch(VirtualLinkResource.end(host.object("port",
                                    Set.of("switch", "port"))))
                            : new HostRequest.OfBigSwitch(() -> (int) host.integer("port", Ids.VIRTUAL_PORT));
                    return new HostRequest(mac, ips, port);
                }))));
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        return Json.ok(VirtualJson.host(hosts.host(who, id, Ids.mac(ctx.pathParam("mac")))));
    }

    HttpResponse remove(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        NetworkId id = access.networkId(ctx, who);
        MacAddress mac = Ids.mac(ctx.pathParam("mac"));
        return TenantAccess.change(ctx, () -> {
            hosts.removeHost(who, id, mac);
            return Json.deleted();
        });
    }
}

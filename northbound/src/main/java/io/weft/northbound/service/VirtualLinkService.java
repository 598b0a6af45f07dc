package io.weft.northbound.service;

import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.List;
import java.util.function.Supplier;

/** A custom network's virtual links, for the admin or the tenant; a link is named by its ends, in either order. */
public final class VirtualLinkService {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final Access access;
    private final Views views;

    VirtualLinkService(VirtualNetworkService networks, VirtualNetworkAdminService admin, Access access,
                       Views views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    public List<LinkView> links(Principal who, NetworkId id) {
        access.network(who, id);
        return networks.links(id).stream().map(l -> views.link(l, who)).toList();
    }

    public LinkView addLink(Principal who, NetworkId id, Supplier<LinkEnds> ends) {
        access.network(who, id);
        LinkEnds link = ends.get();
        return views.link(ServiceException.changing(() -> admin.addLink(id, link.src(), link.dst())), who);
    }

    public LinkView link(Principal who, NetworkId id, LinkEnds ends) {
        return views.link(require(who, id, ends), who);
    }

    public void removeLink(Principal who, NetworkId id, LinkEnds ends) {
        VirtualLink link = require(who, id, ends);
        ServiceException.changing(() -> admin.removeLink(link.network(), link.src(), link.dst()));
    }

    private VirtualLink require(Principal who, NetworkId id, LinkEnds ends) {
        access.network(who, id);
        return networks.links(id).stream().filter(l -> l.joins(ends.src(), ends.dst())).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no link " + ends + " in network " + id.name()));
    }
}

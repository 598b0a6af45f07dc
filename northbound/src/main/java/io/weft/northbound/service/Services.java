package io.weft.northbound.service;

import io.weft.southbound.api.AppId;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.device.DeviceService;
import io.weft.topology.host.HostService;
import io.weft.topology.link.LinkService;
import io.weft.topology.path.TopologyService;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualNetworkStatsService;
import io.weft.topology.virtual.VirtualRealizationService;
import java.util.List;
import java.util.Objects;

/** The whole service layer, built once and handed to each face. */
public record Services(Authenticator authenticator, Access access, TenantService tenants, NetworkService networks,
                       VirtualLinkService links, VirtualHostService hosts, FabricService fabric, StatsService stats) {
    public Services {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(fabric, "fabric");
        Objects.requireNonNull(stats, "stats");
    }

    /**
     * @param adminToken  the admin's bearer token, already checked against the config's rules
     * @param realization what the virtual-network compiler says of each virtual link
     * @param deviceStats  the latest statistics polled from each device
     * @param networkStats each virtual network's edge traffic, counted from those
     */
    public static Services create(String adminToken, DeviceService devices, LinkService links, HostService hosts,
                                  TopologyService topology, FlowRuleService flowRules, LatestStats deviceStats,
                                  List<AppId> apps, VirtualNetworkService networks,
                                  VirtualNetworkAdminService admin, VirtualRealizationService realization,
                                  VirtualNetworkStatsService networkStats) {
        Access access = new Access(networks);
        Views views = new Views(networks, realization);
        return new Services(new Authenticator(adminToken, networks), access,
                new TenantService(networks, admin, access, views), new NetworkService(networks, admin, access, views),
                new VirtualLinkService(networks, admin, access, views), new VirtualHostService(networks, admin, access),
                new FabricService(devices, links, hosts, topology, flowRules, deviceStats, apps),
                new StatsService(networks, networkStats, access, views));
    }
}

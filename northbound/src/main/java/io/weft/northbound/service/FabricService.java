package io.weft.northbound.service;

import io.weft.southbound.api.AppId;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceService;
import io.weft.topology.device.Port;
import io.weft.topology.host.Host;
import io.weft.topology.host.HostService;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkService;
import io.weft.topology.path.TopologyService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/**
 * The physical fabric as Weft sees it, for the admin only: devices and their ports, links,
 * hosts, shortest paths, the flow rules Weft believes each device holds, and the statistics last
 * polled from each device. Reads answer from memory.
 */
public final class FabricService {
    private static final String FABRIC = "the physical fabric";

    private final DeviceService devices;
    private final LinkService links;
    private final HostService hosts;
    private final TopologyService topology;
    private final FlowRuleService flowRules;
    private final LatestStats stats;
    private final Map<Integer, String> appNames;

    FabricService(DeviceService devices, LinkService links, HostService hosts, TopologyService topology,
                  FlowRuleService flowRules, LatestStats stats, List<AppId> apps) {
        this.devices = devices;
        this.links = links;
        this.hosts = hosts;
        this.topology = topology;
        this.flowRules = flowRules;
        this.stats = stats;
        this.appNames = apps.stream().collect(Collectors.toUnmodifiableMap(AppId::id, AppId::name));
    }

    /** Switches, connected or not. */
    public List<Device> devices(Principal who) {
        Access.requireAdmin(who, FABRIC);
        return devices.devices();
    }

    public Device device(Principal who, DeviceId id) {
        Access.requireAdmin(who, FABRIC);
        return devices.device(id).orElseThrow(() -> ServiceException.notFound("no device " + id));
    }

    public List<Port> ports(Principal who, DeviceId id) {
        return device(who, id).ports();
    }

    /** Every discovered link; the two directions of a cable are two links. */
    public List<Link> links(Principal who) {
        Access.requireAdmin(who, FABRIC);
        return links.links();
    }

    /** Learned hosts, where they attach and when they were last seen. */
    public List<Host> hosts(Principal who) {
        Access.requireAdmin(who, FABRIC);
        return hosts.hosts();
    }

    /** The rules without {@link #flowTable}'s poll time. */
    public List<FlowView> flows(Principal who, DeviceId id) {
        return flowTable(who, id).flows();
    }

    /**
     * The rules Weft believes the device holds, each with what the device's latest poll counted
     * for it, and when that poll was. Both come from the one poll, read once.
     */
    public FlowTableView flowTable(Principal who, DeviceId id) {
        DeviceId device = device(who, id).id();
        Optional<DeviceStats> latest = stats.latest(device);
        Map<FlowRule, FlowStats> counted = latest.map(DeviceStats::flowsByRule).orElse(Map.of());
        return new FlowTableView(flowRules.rules(device).stream().map(entry -> new FlowView(entry, app(entry),
                Optional.ofNullable(counted.get(entry.rule())))).toList(), latest.map(DeviceStats::polledAt));
    }

    /** The device's latest statistics, or why it has none. */
    public DeviceStatsView stats(Principal who, DeviceId id) {
        Device device = device(who, id);
        return DeviceStatsView.of(device.id(), stats.latest(device.id()), device.available());
    }

    private String app(FlowEntry entry) {
        return entry.appId() < 0 ? "none" : appNames.getOrDefault(entry.appId(), "unknown");
    }

    /**
     * The shortest path between two devices ({@code of:...}) or between the devices two hosts
     * (MACs) attach to, with the hosts' edge ports. Empty when the two are not connected;
     * {@link ServiceException.Kind#NOT_FOUND} when either is unknown.
     */
    public List<PathView> paths(Principal who, String src, String dst) {
        Access.requireAdmin(who, FABRIC);
        if (Ids.looksLikeDevice(src) && Ids.looksLikeDevice(dst)) {
            DeviceId from = device(who, Ids.device(src)).id();
            DeviceId to = device(who, Ids.device(dst)).id();
            return topology.path(from, to).stream().map(path -> new PathView(from.toString(), to.toString(),
                    Optional.empty(), Optional.empty(), path)).toList();
        }
        if (Ids.looksLikeMac(src) && Ids.looksLikeMac(dst)) {
            MacAddress fromMac = Ids.mac(src);
            MacAddress toMac = Ids.mac(dst);
            Host from = host(fromMac);
            Host to = host(toMac);
            return topology.path(from.location().device(), to.location().device()).stream()
                    .map(path -> new PathView(fromMac.toString(), toMac.toString(), Optional.of(from.location()),
                            Optional.of(to.location()), path)).toList();
        }
        boolean srcValid = Ids.looksLikeDevice(src) || Ids.looksLikeMac(src);
        boolean dstValid = Ids.looksLikeDevice(dst) || Ids.looksLikeMac(dst);
        if (srcValid && dstValid) {
            throw ServiceException.invalid("src and dst must both be device ids or both host MACs, got "
                    + ServiceException.echo(src) + " and " + ServiceException.echo(dst));
        }
        throw ServiceException.invalid("malformed " + (srcValid ? "dst " + ServiceException.echo(dst)
                : "src " + ServiceException.echo(src)) + ": expected a device id (of: and 16 hex digits)"
                + " or a host MAC (00:00:00:00:00:01)");
    }

    /**
     * The host with this MAC. A MAC seen on several VLANs is several hosts; the untagged one,
     * or else the lowest VLAN, stands for it (hosts come sorted by MAC, then VLAN).
     */
    private Host host(MacAddress mac) {
        List<Host> found = hosts.hostsByMac(mac);
        if (found.isEmpty()) {
            throw ServiceException.notFound("no host " + mac);
        }
        return found.get(0);
    }
}

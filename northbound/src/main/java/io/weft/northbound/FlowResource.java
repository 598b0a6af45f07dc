package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.FlowStats;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.device.DeviceService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * {@code GET /api/v1/devices/{id}/flows}: the flow rules Weft believes are on a device, with
 * their state and the app that owns each (named from the rule's cookie), and the packets and
 * bytes each has matched where the latest statistics poll of the device found it (then the
 * answer says when that poll was).
 */
final class FlowResource {
    /** Reserved ports are shown by name, as ovs-ofctl shows them. */
    private static final Map<PortNumber, String> RESERVED = Map.of(PortNumber.FLOOD, "FLOOD",
            PortNumber.CONTROLLER, "CONTROLLER", PortNumber.IN_PORT, "IN_PORT", PortNumber.ALL, "ALL",
            PortNumber.LOCAL, "LOCAL", PortNumber.NORMAL, "NORMAL", PortNumber.TABLE, "TABLE",
            PortNumber.ANY, "ANY");

    private final DeviceService devices;
    private final FlowRuleService flowRules;
    private final LatestStats stats;
    private final Map<Integer, String> appNames;

    FlowResource(DeviceService devices, FlowRuleService flowRules, LatestStats stats, List<AppId> apps) {
        this.devices = devices;
        this.flowRules = flowRules;
        this.stats = stats;
        this.appNames = apps.stream().collect(Collectors.toUnmodifiableMap(AppId::id, AppId::name));
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req) {
        DeviceId id = DeviceResource.require(devices, Ids.device(ctx.pathParam("id"))).id();
        Optional<DeviceStats> latest = stats.latest(id);
        Map<FlowRule, FlowStats> counted = latest.map(DeviceStats::flowsByRule).orElse(Map.of());
        ObjectNode body = Json.object();
        body.set("flows", Json.array(flowRules.rules(id), entry -> view(entry, counted.get(entry.rule()))));
        latest.ifPresent(polled -> body.put("polledAt", polled.polledAt().toString()));
        return Json.ok(body);
    }

    /** The entry, with its counters if {@code counted} is not null. */
    private ObjectNode view(FlowEntry entry, FlowStats counted) {
        FlowRule rule = entry.rule();
        ObjectNode node = Json.object();
        node.put("table", rule.table());
        node.put("priority", rule.priority());
        node.set("match", match(rule.match()));
        node.set("actions", Json.array(rule.actions(), FlowResource::action));
        node.put("cookie", String.format("0x%016x", rule.cookie()));
        node.put("idleTimeout", rule.idleTimeout());
        node.put("hardTimeout", rule.hardTimeout());
        node.put("state", entry.state().name());
        node.put("appId", entry.appId());
        node.put("app", entry.appId() < 0 ? "none" : appNames.getOrDefault(entry.appId(), "unknown"));
        entry.error().ifPresent(error -> node.put("error", error));
        if (counted != null) {
            node.put("packets", counted.packets());
            node.put("bytes", counted.bytes());
        }
        return node;
    }

    /** Only the fields the rule matches on: an absent field matches anything. */
    static ObjectNode match(TrafficMatch match) {
        ObjectNode node = Json.object();
        match.inPort().ifPresent(p -> node.put("inPort", p.toLong()));
        match.ethSrc().ifPresent(mac -> node.put("ethSrc", mac.toString()));
        match.ethDst().ifPresent(mac -> node.put("ethDst", mac.toString()));
        match.ethType().ifPresent(type -> node.put("ethType", String.format("0x%04x", type)));
        match.vlan().ifPresent(vlan -> {
            if (vlan.equals(VlanId.NONE)) {
                node.put("vlan", "untagged");
            } else {
                node.put("vlan", vlan.toShort());
            }
        });
        return node;
    }

    private static ObjectNode action(Action action) {
        ObjectNode node = Json.object();
        switch (action) {
            case Action.Output output -> {
                node.put("type", "OUTPUT");
                node.put("port", port(output.port()));
            }
            case Action.PushVlan push -> {
                node.put("type", "PUSH_VLAN");
                node.put("vlan", push.vlan().toShort());
            }
            case Action.SetVlan set -> {
                node.put("type", "SET_VLAN");
                node.put("vlan", set.vlan().toShort());
            }
            case Action.PopVlan pop -> node.put("type", "POP_VLAN");
        }
        return node;
    }

    static String port(PortNumber port) {
        return RESERVED.getOrDefault(port, Long.toString(port.toLong()));
    }
}

package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.FlowTableView;
import io.weft.northbound.service.FlowView;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.PortNames;
import io.weft.northbound.service.Principal;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import org.onlab.packet.VlanId;

/**
 * {@code GET /api/v1/devices/{id}/flows}: the flow rules Weft believes are on a device, with
 * their state, their retries if they failed, and the app that owns each (named from the rule's
 * cookie).
 */
final class FlowResource {
    private final FabricService fabric;

    FlowResource(FabricService fabric) {
        this.fabric = fabric;
    }

    /** Each rule, with its packets and bytes where the latest poll found it exactly as Weft believes it. */
    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        FlowTableView table = fabric.flowTable(who, Ids.device(ctx.pathParam("id")));
        ObjectNode body = Json.object();
        body.set("flows", Json.array(table.flows(), FlowResource::view));
        table.polledAt().ifPresent(at -> body.put("polledAt", at.toString()));
        return Json.ok(body);
    }

    private static ObjectNode view(FlowView flow) {
        FlowEntry entry = flow.entry();
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
        node.put("app", flow.app());
        entry.error().ifPresent(error -> node.put("error", error));
        if (entry.attempts() > 0 || entry.nextRetry().isPresent() || entry.gaveUp()) {
            node.put("attempts", entry.attempts());
            entry.nextRetry().ifPresent(next -> node.put("nextRetry", next.toString()));
            if (entry.gaveUp()) {
                node.put("gaveUp", true);
            }
        }
        flow.counted().ifPresent(counted -> {
            node.put("packets", counted.packets());
            node.put("bytes", counted.bytes());
        });
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
                node.put("port", PortNames.of(output.port()));
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
}

package io.weft.northbound;

import io.weft.northbound.service.NetworkView;
import io.weft.northbound.service.Principal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.events.SubscriptionEnd;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.host.HostEvent;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.Tenant;
import io.weft.topology.virtual.VirtualElement;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkEvent;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualSwitch;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON of journal events: {@code {"revision":..,"type":..,"time":..}} and what the event is
 * about, in the same shapes as the resources that list those things. A virtual element is shown
 * as it was when the event happened, with physical fields (an attachment's device and port, a
 * network's tag) for the admin only, as {@link VirtualViews} shows them; tenants never receive
 * physical events at all (the journal scopes them to the admin).
 */
final class EventViews {
    private EventViews() {
    }

    static ObjectNode event(JournalEvent journaled, Principal who) {
        ObjectNode node = Json.object();
        node.put("revision", journaled.revision());
        node.put("type", journaled.type());
        node.put("time", journaled.time().toString());
        switch (journaled.event()) {
            case DeviceEvent e -> {
                if (e.port().isPresent()) {
                    node.put("device", e.device().id().toString());
                    node.set("port", DeviceResource.port(e.port().get()));
                } else {
                    node.set("device", DeviceResource.view(e.device()));
                }
            }
            case LinkEvent e -> node.set("link", Json.link(e.link()));
            case HostEvent e -> {
                node.set("host", HostResource.view(e.host()));
                e.previous().filter(p -> !p.location().equals(e.host().location()))
                        .ifPresent(p -> node.set("previousLocation", Json.connectPoint(p.location())));
            }
            case FlowRemovedEvent e -> node.set("flow", flow(e));
            case VirtualNetworkEvent e -> virtual(node, e, who);
            default -> throw new IllegalStateException("not journaled: " + journaled.event());
        }
        return node;
    }

    /** {@link #event} as text: what the SSE stream's {@code data:} and the gRPC watch's {@code json} carry. */
    static String json(JournalEvent journaled, Principal who) {
        return new String(Json.bytes(event(journaled, who)), StandardCharsets.UTF_8);
    }

    /** Why a stream ended: {@code {"reason":"slow_consumer","message":..}}. */
    static ObjectNode end(SubscriptionEnd end) {
        ObjectNode node = Json.object();
        node.put("reason", end.reason().wireName());
        node.put("message", end.message());
        return node;
    }

    private static ObjectNode flow(FlowRemovedEvent e) {
        ObjectNode node = Json.object();
        node.put("device", e.device().toString());
        node.put("cookie", String.format("0x%016x", e.cookie()));
        node.put("priority", e.priority());
        node.set("match", FlowResource.match(e.match()));
        node.put("reason", e.reason().name());
        node.put("packets", e.packets());
        node.put("bytes", e.bytes());
        return node;
    }

    private static void virtual(ObjectNode node, VirtualNetworkEvent e, Principal who) {
        node.put("tenant", e.element().tenant().value());
        network(e.element()).ifPresent(n -> node.put("network", n));
        node.set("element", element(e.element(), who));
        e.previous().ifPresent(previous -> node.set("previous", element(previous, who)));
    }

    private static Optional<String> network(VirtualElement element) {
        return Optional.ofNullable(switch (element) {
            case VirtualNetwork n -> n.id().name();
            case VirtualSwitch s -> s.network().name();
            case VirtualPort p -> p.network().name();
            case VirtualLink l -> l.network().name();
            case VirtualHost h -> h.network().name();
            case Tenant t -> null;
            case Attachment a -> null;
        });
    }

    private static ObjectNode element(VirtualElement element, Principal who) {
        return switch (element) {
            case Tenant t -> {
                ObjectNode node = Json.object();
                node.put("id", t.id().value());
                node.put("tokens", t.tokens());
                yield node;
            }
            case Attachment a -> {
                ObjectNode node = Json.object();
                node.put("id", a.id());
                if (who.isAdmin()) {
                    node.put("device", a.point().device().toString());
                    node.put("port", a.point().port().toLong());
                }
                a.vlan().ifPresent(v -> node.put("vlan", v.toShort()));
                yield node;
            }
            case VirtualNetwork n -> VirtualJson.network(NetworkView.of(n, who));
            case VirtualSwitch s -> Json.object().put("id", s.id());
            case VirtualPort p -> {
                ObjectNode node = VirtualJson.portId(p.id());
                p.attachment().ifPresent(a -> node.put("attachment", a));
                yield node;
            }
            case VirtualLink l -> {
                ObjectNode node = Json.object();
                node.put("id", l.id());
                node.set("src", VirtualJson.portId(l.src()));
                node.set("dst", VirtualJson.portId(l.dst()));
                yield node;
            }
            case VirtualHost h -> VirtualJson.host(h);
        };
    }
}

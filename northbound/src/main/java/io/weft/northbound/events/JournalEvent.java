package io.weft.northbound.events;

import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.event.Event;
import io.weft.topology.host.HostEvent;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.Tenant;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualElement;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkEvent;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualSwitch;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as the journal holds it: its revision, when it was recorded, and the event itself,
 * which is one of {@link DeviceEvent}, {@link LinkEvent}, {@link HostEvent},
 * {@link VirtualNetworkEvent} or {@link FlowRemovedEvent}.
 */
public record JournalEvent(long revision, Instant time, Event event) {
    public JournalEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        if (!isJournaled(event)) {
            throw new IllegalArgumentException("the journal does not carry " + event.getClass().getSimpleName());
        }
    }

    /** Whether the journal carries events of this kind. */
    public static boolean isJournaled(Event event) {
        return event instanceof DeviceEvent || event instanceof LinkEvent || event instanceof HostEvent
                || event instanceof VirtualNetworkEvent || event instanceof FlowRemovedEvent;
    }

    /**
     * The tenant whose subscriptions see this event; empty for the physical network's events,
     * which only the admin sees.
     */
    public Optional<TenantId> tenant() {
        return event instanceof VirtualNetworkEvent e ? Optional.of(e.element().tenant()) : Optional.empty();
    }

    /** Whether a subscription for {@code viewer} (empty: the admin) delivers this event. */
    public boolean visibleTo(Optional<TenantId> viewer) {
        return viewer.isEmpty() || viewer.equals(tenant());
    }

    /**
     * What happened, as a subject and a verb: {@code device.connected}, {@code port.updated},
     * {@code link.removed}, {@code host.moved}, {@code network.added},
     * {@code virtual_port.removed}, {@code flow.removed}...
     */
    public String type() {
        return switch (event) {
            case DeviceEvent e -> switch (e.type()) {
                case DEVICE_CONNECTED -> "device.connected";
                case DEVICE_DISCONNECTED -> "device.disconnected";
                case PORT_ADDED -> "port.added";
                case PORT_UPDATED -> "port.updated";
                case PORT_REMOVED -> "port.removed";
            };
            case LinkEvent e -> e.type() == LinkEvent.Type.LINK_ADDED ? "link.added" : "link.removed";
            case HostEvent e -> "host." + e.type().name().substring("HOST_".length()).toLowerCase(Locale.ROOT);
            case VirtualNetworkEvent e -> subject(e.element()) + "." + e.type().name().toLowerCase(Locale.ROOT);
            case FlowRemovedEvent e -> "flow.removed";
            default -> throw new IllegalStateException("not journaled: " + event);
        };
    }

    private static String subject(VirtualElement element) {
        return switch (element) {
            case Tenant t -> "tenant";
            case Attachment a -> "attachment";
            case VirtualNetwork n -> "network";
            case VirtualSwitch s -> "virtual_switch";
            case VirtualPort p -> "virtual_port";
            case VirtualLink l -> "virtual_link";
            case VirtualHost h -> "virtual_host";
        };
    }
}

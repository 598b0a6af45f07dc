package io.weft.topology.virtual;

import io.weft.topology.event.Event;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a tenant owns appeared, changed or went away. A change committed as one store
 * transaction is posted as its events together: removals first, innermost first (hosts before
 * the port they sit on, ports before their switch), then additions, outermost first, so a
 * listener never sees an element whose container it has not seen.
 *
 * @param element  the element after the change (as it was, when removed)
 * @param previous the element before the change, for updates
 */
public record VirtualNetworkEvent(Type type, VirtualElement element, Optional<VirtualElement> previous)
        implements Event {
    public enum Type { ADDED, UPDATED, REMOVED }

    public VirtualNetworkEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(previous, "previous");
        if (previous.isPresent() != (type == Type.UPDATED)) {
            throw new IllegalArgumentException("only an update has a previous element: " + type);
        }
    }

    public static VirtualNetworkEvent added(VirtualElement element) {
        return new VirtualNetworkEvent(Type.ADDED, element, Optional.empty());
    }

    public static VirtualNetworkEvent removed(VirtualElement element) {
        return new VirtualNetworkEvent(Type.REMOVED, element, Optional.empty());
    }

    public static VirtualNetworkEvent updated(VirtualElement previous, VirtualElement element) {
        return new VirtualNetworkEvent(Type.UPDATED, element, Optional.of(previous));
    }

    /** Events of one tenant are delivered in order: its networks depend on its attachments. */
    @Override
    public Object subject() {
        return element.tenant();
    }
}

package io.weft.topology.host;

import io.weft.topology.event.Event;
import java.util.Objects;
import java.util.Optional;

/**
 * A host appeared, moved, changed its addresses, or went away.
 *
 * @param host     the host after the change (as it was, when removed)
 * @param previous the host before the change, for moves and updates
 */
public record HostEvent(Type type, Host host, Optional<Host> previous) implements Event {
    public enum Type { HOST_ADDED, HOST_MOVED, HOST_UPDATED, HOST_REMOVED }

    public HostEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(previous, "previous");
    }

    @Override
    public Object subject() {
        return host.key();
    }
}

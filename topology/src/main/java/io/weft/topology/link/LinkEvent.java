package io.weft.topology.link;

import io.weft.topology.event.Event;
import java.util.Objects;

/** A link appeared or went away. */
public record LinkEvent(Type type, Link link) implements Event {
    public enum Type { LINK_ADDED, LINK_REMOVED }

    public LinkEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public Object subject() {
        return link;
    }
}

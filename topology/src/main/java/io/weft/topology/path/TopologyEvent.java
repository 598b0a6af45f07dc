package io.weft.topology.path;

import io.weft.topology.event.Event;
import java.util.List;
import java.util.Objects;

/**
 * The fabric changed: {@code topology} is the new snapshot, {@code reasons} the device and
 * link events that made it.
 */
public record TopologyEvent(Topology topology, List<Event> reasons) implements Event {
    /** All topology events share one subject, so listeners see snapshots in order. */
    public static final Object SUBJECT = "topology";

    public TopologyEvent {
        Objects.requireNonNull(topology, "topology");
        reasons = List.copyOf(reasons);
    }

    @Override
    public Object subject() {
        return SUBJECT;
    }
}

package io.weft.southbound.api;

import io.weft.topology.event.Event;
import java.util.Objects;
import org.onosproject.net.DeviceId;

/** A switch removed a flow rule and said so. */
public record FlowRemovedEvent(DeviceId device, long cookie, int priority, TrafficMatch match,
                               Reason reason, long packets, long bytes) implements Event {
    public enum Reason { IDLE_TIMEOUT, HARD_TIMEOUT, DELETED, OTHER }

    public FlowRemovedEvent {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Object subject() {
        return device;
    }
}

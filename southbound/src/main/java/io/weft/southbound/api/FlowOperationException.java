package io.weft.southbound.api;

import java.util.List;
import org.onosproject.net.DeviceId;

/** The switch refused one or more operations of a batch; its errors, as text, in order. */
public final class FlowOperationException extends RuntimeException {
    private final transient DeviceId device;
    private final List<String> errors;

    public FlowOperationException(DeviceId device, List<String> errors) {
        super(device + " refused " + errors.size() + " operation(s): " + String.join("; ", errors));
        this.device = device;
        this.errors = List.copyOf(errors);
    }

    public DeviceId device() {
        return device;
    }

    public List<String> errors() {
        return errors;
    }
}

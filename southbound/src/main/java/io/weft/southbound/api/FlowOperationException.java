package io.weft.southbound.api;

import java.util.List;
import java.util.Objects;
import org.onosproject.net.DeviceId;

/**
 * The switch refused one or more operations of a batch; its errors, as text, in order, and,
 * when the implementation can tell, which operation each error is for.
 */
public final class FlowOperationException extends RuntimeException {
    /** One error of the switch and the operation of the batch it refused. */
    public record Refusal(FlowOperation operation, String error) {
        public Refusal {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(error, "error");
        }
    }

    private final transient DeviceId device;
    private final List<String> errors;
    private final transient List<Refusal> refusals;

    /** Errors that the implementation cannot charge to operations: any of the batch may have been refused. */
    public FlowOperationException(DeviceId device, List<String> errors) {
        this(device, errors, List.of());
    }

    private FlowOperationException(DeviceId device, List<String> errors, List<Refusal> refusals) {
        super(device + " refused " + errors.size() + " operation(s): " + String.join("; ", errors));
        this.device = device;
        this.errors = List.copyOf(errors);
        this.refusals = List.copyOf(refusals);
    }

    /** Errors charged each to the operation it refused; the batch's other operations were confirmed. */
    public static FlowOperationException refused(DeviceId device, List<Refusal> refusals) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("a refusal without an error");
        }
        return new FlowOperationException(device, refusals.stream().map(Refusal::error).toList(), refusals);
    }

    public DeviceId device() {
        return device;
    }

    public List<String> errors() {
        return errors;
    }

    /** Which operation each error refused, in order; empty when the implementation could not tell. */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** Whether {@code operation} may have been refused: it was, or the errors do not say which were. */
    public boolean mayHaveRefused(FlowOperation operation) {
        return refusals.isEmpty() || refusals.stream().anyMatch(r -> r.operation().equals(operation));
    }
}

package io.weft.southbound.openflow;

import java.util.List;
import org.onosproject.net.DeviceId;

/**
 * A confirmed batch the switch answered with errors: each error with the xid of the message it
 * refused, so that whoever built the batch can tell the refused operations from the confirmed.
 */
final class RefusedBatch extends RuntimeException {
    /** One error of the switch, for the message of the batch that carried {@code xid}. */
    record Error(long xid, String text) {
    }

    private final transient List<Error> errors;

    RefusedBatch(DeviceId device, List<Error> errors) {
        super(device + " refused " + errors.size() + " message(s): "
                + String.join("; ", errors.stream().map(Error::text).toList()));
        this.errors = List.copyOf(errors);
    }

    List<Error> errors() {
        return errors;
    }
}

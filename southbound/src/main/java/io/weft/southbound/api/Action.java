package io.weft.southbound.api;

import java.util.Objects;
import org.onosproject.net.PortNumber;

/** What a flow rule or a packet-out does to a packet. An empty action list drops it. */
public sealed interface Action {
    /**
     * Send the packet out of a port. Besides real ports, {@link PortNumber#FLOOD} (every
     * port but the one it came in on), {@link PortNumber#IN_PORT} and
     * {@link PortNumber#CONTROLLER}.
     */
    record Output(PortNumber port) implements Action {
        public Output {
            Objects.requireNonNull(port, "port");
        }
    }

    static Action output(PortNumber port) {
        return new Output(port);
    }
}

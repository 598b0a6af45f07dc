package io.weft.southbound.api;

import java.util.Objects;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * What a flow rule or a packet-out does to a packet, in list order: an output sends the
 * packet as the actions before it have left it. An empty action list drops it.
 */
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

    /**
     * Add an 802.1Q tag carrying {@code vlan} (1..4094). A flow rule may push only onto a frame
     * known to be untagged (see {@link FlowRule}): OpenFlow 1.0 has no push, and its
     * set-VLAN, which tags an untagged frame, would rewrite a tag already there. A packet-out
     * should push onto an untagged frame for the same reason.
     */
    record PushVlan(VlanId vlan) implements Action {
        public PushVlan {
            VlanIds.requireTaggable(vlan, "vlan");
        }
    }

    /** Rewrite the id of the outer tag to {@code vlan} (1..4094); the frame must carry a tag. */
    record SetVlan(VlanId vlan) implements Action {
        public SetVlan {
            VlanIds.requireTaggable(vlan, "vlan");
        }
    }

    /** Remove the outer tag; the frame must carry one. */
    record PopVlan() implements Action {
    }

    static Action output(PortNumber port) {
        return new Output(port);
    }

    static Action pushVlan(VlanId vlan) {
        return new PushVlan(vlan);
    }

    static Action setVlan(VlanId vlan) {
        return new SetVlan(vlan);
    }

    static Action popVlan() {
        return new PopVlan();
    }
}

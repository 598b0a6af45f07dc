package io.weft.apps.vnet;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.VirtualPortId;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** An edge port of a network where the fabric can reach it: the virtual port and its attachment. */
record Edge(VirtualPortId port, Attachment attachment) {
    ConnectPoint point() {
        return attachment.point();
    }

    DeviceId device() {
        return attachment.point().device();
    }

    PortNumber physicalPort() {
        return attachment.point().port();
    }

    /** The tenant's VLAN on the port; {@link VlanId#NONE} for a whole (untagged) port. */
    VlanId vlan() {
        return attachment.vlan().orElse(VlanId.NONE);
    }

    /** A frame leaving here, with the tag the tenant expects. */
    TagActions.Out out() {
        return new TagActions.Out(physicalPort(), vlan());
    }
}

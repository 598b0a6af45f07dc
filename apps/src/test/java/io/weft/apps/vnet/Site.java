package io.weft.apps.vnet;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualPortId;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/** One edge port of a test network with the host behind it. */
record Site(VirtualPortId port, Attachment attachment, VirtualHost host) {
    ConnectPoint point() {
        return attachment.point();
    }

    VlanId vlan() {
        return attachment.vlan().orElse(VlanId.NONE);
    }

    MacAddress mac() {
        return host.mac();
    }

    @Override
    public String toString() {
        return port + "@" + point() + (vlan().equals(VlanId.NONE) ? "" : "." + vlan()) + "/" + mac();
    }
}

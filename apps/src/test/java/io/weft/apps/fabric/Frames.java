package io.weft.apps.fabric;

import org.onlab.packet.ARP;
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;

/** Frames hosts send, for tests. */
public final class Frames {
    private Frames() {
    }

    public static MacAddress mac(int n) {
        return MacAddress.valueOf((long) n);
    }

    public static Ip4Address ip(int n) {
        return Ip4Address.valueOf("10.0.0." + n);
    }

    /** An IPv4-typed unicast frame from host {@code src} to host {@code dst}. */
    public static Ethernet unicast(int src, int dst) {
        Ethernet frame = new Ethernet();
        frame.setSourceMACAddress(mac(src)).setDestinationMACAddress(mac(dst)).setEtherType(Ethernet.TYPE_IPV4);
        frame.setPayload(new Data(new byte[20]));
        return frame;
    }

    /** Host {@code src} asks who has 10.0.0.{@code target}. */
    public static Ethernet arpRequest(int src, int target) {
        return ARP.buildArpRequest(mac(src).toBytes(), ip(src).toOctets(), ip(target).toOctets(), Ethernet.VLAN_UNTAGGED);
    }
}

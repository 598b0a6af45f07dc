package io.weft.bench.fabric;

import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.MacAddress;
import org.onlab.packet.UDP;

/**
 * A host the bench plays at a host port: MAC 02:00:00:xx:xx:xx and IPv4 10.x.x.x, both
 * derived from {@code number} (1 and up), so that hosts of one run never clash.
 */
public record EmulatedHost(int number, Endpoint at) {
    private static final int PORT = 9;

    public EmulatedHost {
        if (number < 1 || number > 0xfffffe) {
            throw new IllegalArgumentException("host number must be within 1..16777214, was " + number);
        }
    }

    public long mac() {
        return 0x020000000000L | number;
    }

    public int ip() {
        return 0x0a000000 | number;
    }

    /** A UDP datagram to {@code other}, addressed by MAC and IP as if ARP had been done. */
    public byte[] frameTo(EmulatedHost other) {
        return frame(other.mac(), other.ip());
    }

    /** A UDP broadcast, which a controller learns the host from without knowing anyone else. */
    public byte[] broadcast() {
        return frame(MacAddress.BROADCAST.toLong(), 0xffffffff);
    }

    private byte[] frame(long dstMac, int dstIp) {
        UDP udp = new UDP();
        udp.setSourcePort(PORT);
        udp.setDestinationPort(PORT);
        udp.setPayload(new org.onlab.packet.Data(new byte[18]));
        IPv4 ip = new IPv4();
        ip.setSourceAddress(ip());
        ip.setDestinationAddress(dstIp);
        ip.setProtocol(IPv4.PROTOCOL_UDP);
        ip.setTtl((byte) 64);
        ip.setPayload(udp);
        Ethernet eth = new Ethernet();
        eth.setSourceMACAddress(MacAddress.valueOf(mac()));
        eth.setDestinationMACAddress(MacAddress.valueOf(dstMac));
        eth.setEtherType(Ethernet.TYPE_IPV4);
        eth.setPayload(ip);
        return eth.serialize();
    }
}

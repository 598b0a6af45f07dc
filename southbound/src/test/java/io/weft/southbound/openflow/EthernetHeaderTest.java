package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;

class EthernetHeaderTest {
    @Test
    void aFrameTheLibraryRefusesStillGivesItsHeader() throws Exception {
        // IPv4/UDP to port 67 with a 1-byte payload: onlab's DHCP parser throws on it.
        byte[] frame = Hex.bytes("ffffffffffff 000000000001 0800"
                + "4500001d 00000000 40110000 00000000 ffffffff"
                + "00440043 00090000 01");
        assertThat(catchParse(frame)).as("the packet library refuses it").isTrue();

        Ethernet header = EthernetHeader.parse(frame).orElseThrow();

        assertThat(header.getDestinationMAC()).isEqualTo(MacAddress.BROADCAST);
        assertThat(header.getSourceMAC()).isEqualTo(MacAddress.valueOf(1L));
        assertThat(header.getEtherType()).isEqualTo(Ethernet.TYPE_IPV4);
        assertThat(header.getVlanID()).isEqualTo(Ethernet.VLAN_UNTAGGED);
        assertThat(((Data) header.getPayload()).getData()).hasSize(frame.length - 14);
    }

    @Test
    void readsOneVlanTag() {
        byte[] frame = Hex.bytes("000000000002 000000000001 8100 a064 0806 0001");

        Ethernet header = EthernetHeader.parse(frame).orElseThrow();

        assertThat(header.getVlanID()).isEqualTo((short) 100);
        assertThat(header.getPriorityCode()).isEqualTo((byte) 5);
        assertThat(header.getEtherType()).isEqualTo(Ethernet.TYPE_ARP);
    }

    @Test
    void runtsAndTruncatedTagsAreRefused() {
        assertThat(EthernetHeader.parse(Hex.bytes("000000000002 000000000001"))).isEmpty();
        assertThat(EthernetHeader.parse(Hex.bytes("000000000002 000000000001 8100 a0"))).isEmpty();
    }

    private static boolean catchParse(byte[] frame) {
        try {
            Ethernet.deserializer().deserialize(frame, 0, frame.length);
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}

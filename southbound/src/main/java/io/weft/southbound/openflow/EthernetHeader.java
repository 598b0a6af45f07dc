package io.weft.southbound.openflow;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.onlab.packet.Data;
import org.onlab.packet.Ethernet;

/** Reads just the Ethernet header of a frame (and one 802.1Q tag), keeping the payload as raw bytes. */
final class EthernetHeader {
    private static final int MAC_BYTES = 6;
    private static final int HEADER_BYTES = 14;
    private static final int TAG_BYTES = 4;

    private EthernetHeader() {
    }

    static Optional<Ethernet> parse(byte[] data) {
        if (data.length < HEADER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        Ethernet frame = new Ethernet();
        frame.setDestinationMACAddress(Arrays.copyOfRange(data, 0, MAC_BYTES));
        frame.setSourceMACAddress(Arrays.copyOfRange(data, MAC_BYTES, 2 * MAC_BYTES));
        int offset = 2 * MAC_BYTES;
        short type = buffer.getShort(offset);
        if (type == Ethernet.TYPE_VLAN) {
            if (data.length < HEADER_BYTES + TAG_BYTES) {
                return Optional.empty();
            }
            short tci = buffer.getShort(offset + 2);
            frame.setVlanID((short) (tci & 0x0fff));
            frame.setPriorityCode((byte) ((tci >> 13) & 0x7));
            offset += TAG_BYTES;
            type = buffer.getShort(offset);
        }
        offset += 2;
        frame.setEtherType(type);
        frame.setPayload(new Data(Arrays.copyOfRange(data, offset, data.length)));
        return Optional.of(frame);
    }
}

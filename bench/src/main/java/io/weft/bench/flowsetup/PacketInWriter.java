package io.weft.bench.flowsetup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.weft.bench.ofswitch.OfWire;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Writes packet-ins fast: one template encoded by openflowj, copied and patched in place
 * for each packet (xid, buffer id, in port, addresses, IPv4 checksum, sequence number).
 *
 * <p>The packet is a 60-byte IPv4/UDP frame whose payload starts with a marker and the
 * packet's sequence number, so that a packet-out carrying the bytes of an unbuffered packet
 * says which packet-in it answers.
 */
final class PacketInWriter {
    static final int FRAME_LENGTH = 60;
    static final int MARKER = 0x57464254; // "WFBT"
    /** Offsets within the frame. */
    static final int ETH_TYPE = 12;
    static final int IP_HEADER = 14;
    static final int IP_PROTO = IP_HEADER + 9;
    static final int IP_CHECKSUM = IP_HEADER + 10;
    static final int IP_SRC = IP_HEADER + 12;
    static final int IP_DST = IP_HEADER + 16;
    static final int UDP_HEADER = IP_HEADER + 20;
    static final int PAYLOAD_MARKER = UDP_HEADER + 8;
    static final int PAYLOAD_SEQUENCE = PAYLOAD_MARKER + 4;
    private static final int ETH_IPV4 = 0x0800;
    private static final int PROTO_UDP = 17;
    /** In-port offset within the packet-in: a 16-bit field on 1.0, the IN_PORT OXM's value on 1.3. */
    private static final int IN_PORT_10 = 14;
    private static final int IN_PORT_13 = 32;

    private final OFVersion version;
    private final byte[] template;
    private final int dataOffset;

    PacketInWriter(OFVersion version) {
        this.version = version;
        OFFactory factory = OFFactories.getFactory(version);
        OFPacketIn.Builder builder = factory.buildPacketIn().setXid(0).setBufferId(OFBufferId.of(0))
                .setTotalLen(FRAME_LENGTH).setReason(OFPacketInReason.NO_MATCH).setData(baseFrame());
        if (version == OFVersion.OF_10) {
            builder.setInPort(OFPort.of(1));
        } else {
            builder.setTableId(TableId.of(0)).setCookie(U64.ZERO)
                    .setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build());
        }
        ByteBuf buf = Unpooled.buffer();
        builder.build().writeTo(buf);
        this.template = new byte[buf.readableBytes()];
        buf.getBytes(0, template);
        this.dataOffset = template.length - FRAME_LENGTH;
    }

    int length() {
        return template.length;
    }

    int dataOffset() {
        return dataOffset;
    }

    /** Appends one packet-in to {@code out}; {@code bufferId} {@link OfWire#NO_BUFFER} sends it unbuffered. */
    void write(ByteBuf out, long xid, long bufferId, int inPort, long srcMac, long dstMac, int srcIp, int dstIp,
               int sequence) {
        int base = out.writerIndex();
        out.writeBytes(template);
        out.setInt(base + 4, (int) xid);
        out.setInt(base + 8, (int) bufferId);
        if (version == OFVersion.OF_10) {
            out.setShort(base + IN_PORT_10, inPort);
        } else {
            out.setInt(base + IN_PORT_13, inPort);
        }
        int frame = base + dataOffset;
        setMac(out, frame, dstMac);
        setMac(out, frame + 6, srcMac);
        out.setInt(frame + IP_SRC, srcIp);
        out.setInt(frame + IP_DST, dstIp);
        out.setShort(frame + IP_CHECKSUM, 0);
        out.setShort(frame + IP_CHECKSUM, ipChecksum(out, frame + IP_HEADER));
        out.setInt(frame + PAYLOAD_SEQUENCE, sequence);
    }

    /**
     * The sequence number of one of our packets carried in a packet-out, from the frame's
     * start; -1 if the bytes there are not one of our packets.
     */
    static long sequence(ByteBuf message, int frameOffset) {
        int frame = message.readerIndex() + frameOffset;
        int end = message.readerIndex() + OfWire.length(message);
        if (frameOffset < 0 || end - frame < PAYLOAD_SEQUENCE + 4
                || message.getUnsignedShort(frame + ETH_TYPE) != ETH_IPV4
                || message.getUnsignedByte(frame + IP_PROTO) != PROTO_UDP
                || message.getInt(frame + PAYLOAD_MARKER) != MARKER) {
            return -1;
        }
        return message.getUnsignedInt(frame + PAYLOAD_SEQUENCE);
    }

    private static void setMac(ByteBuf out, int index, long mac) {
        out.setShort(index, (int) (mac >>> 32));
        out.setInt(index + 2, (int) mac);
    }

    static int ipChecksum(ByteBuf buf, int header) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += buf.getUnsignedShort(header + i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    /** Ethernet, IPv4 (20 bytes, TTL 64, UDP), UDP 1024 -> 9 (discard), marker; addresses patched per packet. */
    private static byte[] baseFrame() {
        ByteBuf frame = Unpooled.buffer(FRAME_LENGTH);
        frame.writeZero(12);
        frame.writeShort(ETH_IPV4);
        frame.writeByte(0x45).writeByte(0).writeShort(FRAME_LENGTH - IP_HEADER);
        frame.writeShort(0).writeShort(0x4000);
        frame.writeByte(64).writeByte(PROTO_UDP).writeShort(0);
        frame.writeInt(0).writeInt(0);
        frame.writeShort(1024).writeShort(9).writeShort(FRAME_LENGTH - UDP_HEADER).writeShort(0);
        frame.writeInt(MARKER).writeInt(0);
        frame.writeZero(FRAME_LENGTH - frame.writerIndex());
        byte[] bytes = new byte[FRAME_LENGTH];
        frame.getBytes(0, bytes);
        return bytes;
    }
}

package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.weft.bench.ofswitch.OfWire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.UDP;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** Packet-ins patched in place read back, through openflowj and the packet library, as what was meant. */
class PacketInWriterTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void aPatchedPacketInParsesAsTheMessageMeant(OFVersion version) throws Exception {
        PacketInWriter writer = new PacketInWriter(version);
        ByteBuf buf = Unpooled.buffer();
        writer.write(buf, 0x10203, 0x7000_0001L, 3, 0x0200_0100_0005L, 0x0600_0100_0001L, 0x0a00_0007, 0xac10_0001, 42);
        writer.write(buf, 0x10204, OfWire.NO_BUFFER, 2, 0x0200_0100_0006L, 0x0600_0100_0001L, 0x0a00_0008, 0xac10_0001,
                43);

        OFPacketIn first = (OFPacketIn) OFFactories.getGenericReader().readFrom(buf);
        OFPacketIn second = (OFPacketIn) OFFactories.getGenericReader().readFrom(buf);
        assertThat(buf.isReadable()).isFalse();

        assertThat(first.getXid()).isEqualTo(0x10203);
        assertThat(first.getBufferId()).isEqualTo(OFBufferId.of(0x7000_0001));
        assertThat(first.getReason()).isEqualTo(OFPacketInReason.NO_MATCH);
        assertThat(first.getTotalLen()).isEqualTo(PacketInWriter.FRAME_LENGTH);
        assertThat(inPort(first)).isEqualTo(OFPort.of(3));
        assertThat(second.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
        assertThat(inPort(second)).isEqualTo(OFPort.of(2));

        byte[] data = first.getData();
        Ethernet frame = Ethernet.deserializer().deserialize(data, 0, data.length);
        assertThat(frame.getSourceMAC().toLong()).isEqualTo(0x0200_0100_0005L);
        assertThat(frame.getDestinationMAC().toLong()).isEqualTo(0x0600_0100_0001L);
        IPv4 ip = (IPv4) frame.getPayload();
        assertThat(ip.getSourceAddress()).isEqualTo(0x0a00_0007);
        assertThat(ip.getDestinationAddress()).isEqualTo(0xac10_0001);
        assertThat(ip.getProtocol()).isEqualTo(IPv4.PROTOCOL_UDP);
        assertThat(((UDP) ip.getPayload()).getDestinationPort()).isEqualTo(9);
        ByteBuf header = Unpooled.wrappedBuffer(data, PacketInWriter.IP_HEADER, 20);
        assertThat(PacketInWriter.ipChecksum(header, 0)).as("checksum over a header with its checksum").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void thePacketOfAPacketOutSaysWhichPacketInItAnswers(OFVersion version) throws Exception {
        PacketInWriter writer = new PacketInWriter(version);
        ByteBuf in = Unpooled.buffer();
        writer.write(in, 1, OfWire.NO_BUFFER, 1, 0x020000000001L, 0x060000000001L, 1, 2, 0x7fff_fffe);
        byte[] data = ((OFPacketIn) OFFactories.getGenericReader().readFrom(in)).getData();

        OFFactory f = OFFactories.getFactory(version);
        ByteBuf out = Unpooled.buffer();
        f.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(1))
                .setActions(List.of(f.actions().output(OFPort.of(4), 0xffff))).setData(data).build().writeTo(out);
        assertThat(PacketInWriter.sequence(out, OfWire.packetOutDataOffset(out, version))).isEqualTo(0x7fff_fffeL);
    }

    @Test
    void aPacketOutOfSomeoneElsesPacketHasNoSequence() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        byte[] lldp = new byte[60];
        lldp[12] = (byte) 0x88;
        lldp[13] = (byte) 0xcc;
        ByteBuf out = Unpooled.buffer();
        f.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of(f.actions().output(OFPort.of(1), 0xffff))).setData(lldp).build().writeTo(out);
        assertThat(PacketInWriter.sequence(out, OfWire.packetOutDataOffset(out, OFVersion.OF_13))).isEqualTo(-1);

        ByteBuf empty = Unpooled.buffer();
        f.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of()).build().writeTo(empty);
        assertThat(PacketInWriter.sequence(empty, OfWire.packetOutDataOffset(empty, OFVersion.OF_13))).isEqualTo(-1);
        assertThat(PacketInWriter.sequence(empty, -1)).isEqualTo(-1);
    }

    private static OFPort inPort(OFPacketIn packetIn) {
        return packetIn.getVersion() == OFVersion.OF_10 ? packetIn.getInPort()
                : packetIn.getMatch().get(MatchField.IN_PORT);
    }
}

package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.weft.bench.fabric.EmulatedHost;
import io.weft.bench.fabric.Endpoint;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
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
 * The OpenFlow path of a packet-in and its answer, message by message, as Weft's southbound
 * runs it: cutting the byte stream into messages and parsing them (OpenFlowFrameDecoder with
 * openflowj), turning a PACKET_IN into the protocol-neutral InboundPacket the apps see (the
 * Ethernet parse included), and writing a path rule's FLOW_MOD and a PACKET_OUT (the
 * translator, then openflowj's writer). In this package to reach the package-private codec.
 * Scores are messages per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenFlowCodecBenchmark {
    /** Packet-ins per read, as a busy switch's socket delivers them. */
    static final int BATCH = 16;

    @Param({"OF_10", "OF_13"})
    public String version;

    private OFFactory factory;
    private OpenFlowFrameDecoder decoder;
    private ByteBuf packetIns;
    private ByteBuf onePacketIn;
    private ByteBuf out;
    private final List<Object> decoded = new ArrayList<>(BATCH);
    private FlowOperation flowOperation;
    private OutboundPacket packetOut;
    private DeviceId device;
    private long xid;

    @Setup(Level.Trial)
    public void setUp() {
        OFVersion v = OFVersion.valueOf(version);
        factory = OFFactories.getFactory(v);
        decoder = new OpenFlowFrameDecoder(OpenFlowConfig.DEFAULTS.maxMessageBytes());
        device = DeviceIds.fromDatapathId(1);
        EmulatedHost a = new EmulatedHost(1, new Endpoint(0, 1));
        EmulatedHost b = new EmulatedHost(2, new Endpoint(0, 2));
        byte[] frame = a.frameTo(b);
        packetIns = PooledByteBufAllocator.DEFAULT.directBuffer();
        for (int i = 0; i < BATCH; i++) {
            packetIn(v, frame, i).writeTo(packetIns);
        }
        onePacketIn = PooledByteBufAllocator.DEFAULT.directBuffer();
        packetIn(v, frame, 0).writeTo(onePacketIn);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        TrafficMatch match = TrafficMatch.ANY.withInPort(PortNumber.portNumber(1))
                .withEthSrc(MacAddress.valueOf(a.mac())).withEthDst(MacAddress.valueOf(b.mac()));
        flowOperation = FlowOperation.add(new FlowRule(device, 0, 10, match,
                List.of(Action.output(PortNumber.portNumber(2))), 0x0003_0000_0000_0000L, 30, 0));
        packetOut = new OutboundPacket(device, PortNumber.portNumber(1), List.of(Action.output(PortNumber.portNumber(2))),
                frame, OptionalInt.empty());
    }

    private OFPacketIn packetIn(OFVersion v, byte[] frame, int xid) {
        var builder = factory.buildPacketIn().setXid(xid).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                .setReason(OFPacketInReason.NO_MATCH).setData(frame);
        if (v == OFVersion.OF_10) {
            return builder.setInPort(OFPort.of(1)).build();
        }
        return builder.setTableId(TableId.of(0)).setCookie(U64.ZERO)
                .setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packetIns.release();
        onePacketIn.release();
        out.release();
    }

    /** Cutting a read of 16 packet-ins into messages and reading each ({@link PacketIn}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodePacketIns(Blackhole bh) {
        packetIns.readerIndex(0);
        decoded.clear();
        while (packetIns.isReadable()) {
            decoder.decode(null, packetIns, decoded);
        }
        bh.consume(decoded);
    }

    /** One packet-in from bytes to what the apps get: the message, its input port, the parsed Ethernet frame. */
    @Benchmark
    public InboundPacket packetInToInboundPacket() throws DeserializationException {
        onePacketIn.readerIndex(0);
        decoded.clear();
        decoder.decode(null, onePacketIn, decoded);
        PacketIn in = (PacketIn) decoded.get(0);
        byte[] data = in.data();
        Ethernet parsed = Ethernet.deserializer().deserialize(data, 0, data.length);
        return new InboundPacket(device, in.inPort(), parsed, data, in.bufferId());
    }

    /** A path rule (input port, source and destination MAC, one output) from the API to FLOW_MOD bytes, through openflowj. */
    @Benchmark
    public int encodeFlowMod() {
        out.clear();
        OpenFlowTranslator.flowMod(factory, flowOperation).writeTo(out);
        return out.writerIndex();
    }

    /** The same rule's FLOW_MOD as Weft writes it now ({@link FlowModWriter}). */
    @Benchmark
    public int writeFlowMod() {
        ByteBuf written = FlowModWriter.write(PooledByteBufAllocator.DEFAULT, factory.getVersion(), ++xid,
                flowOperation.type(), flowOperation.rule(), OptionalInt.empty(), true);
        int length = written.readableBytes();
        written.release();
        return length;
    }

    /** A 64-byte frame sent out of one port, from the API to PACKET_OUT bytes. */
    @Benchmark
    public int encodePacketOut() {
        out.clear();
        OpenFlowTranslator.packetOut(factory, ++xid, packetOut).writeTo(out);
        return out.writerIndex();
    }
}

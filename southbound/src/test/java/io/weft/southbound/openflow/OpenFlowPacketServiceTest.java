package io.weft.southbound.openflow;

import com.google.common.util.concurrent.MoreExecutors;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService.Execution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Packet-ins through the processors (on a KeyedSerialExecutor over a direct executor, so a
 * packet has been through every processor when packetIn returns) and packet-outs.
 */
@Timeout(10)
class OpenFlowPacketServiceTest {
    /** 1.3 PACKET_IN from port 3: a broadcast frame of ethertype 0x88b5 carrying "weft". */
    private static final String PACKET_IN_13 = ""
            + "04 0a 00 3c 00 00 00 00"  // PACKET_IN, 60 bytes
            + " ff ff ff ff 00 12 00 00" // buffer NO_BUFFER, total_len 18, NO_MATCH, table 0
            + " 00 00 00 00 00 00 00 00" // cookie
            + " 00 01 00 0c 80 00 00 04" // match: IN_PORT
            + " 00 00 00 03 00 00 00 00" // = 3, pad
            + " 00 00"                   // pad
            + " ff ff ff ff ff ff 0a 00 00 00 00 01 88 b5 77 65 66 74";
    /** The same with 5 bytes of data: too short for an Ethernet header. */
    private static final String RUNT_PACKET_IN_13 = ""
            + "04 0a 00 2f 00 00 00 00 ff ff ff ff 00 05 00 00 00 00 00 00 00 00 00 00"
            + " 00 01 00 0c 80 00 00 04 00 00 00 03 00 00 00 00 00 00"
            + " 01 02 03 04 05";

    private final SwitchConnection sw = SwitchConnection.open();
    private final OpenFlowPacketService packets = new OpenFlowPacketService(sw.registry,
            new KeyedSerialExecutor("packet_in", MoreExecutors.newDirectExecutorService(), 64, sw.counters), sw.counters);
    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    @Test
    void processorsRunInOrderOfTheirOrderThenOfRegistration() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        packets.addProcessor(20, recording("b"));
        packets.addProcessor(10, recording("a"));
        packets.addProcessor(30, recording("d"));
        packets.addProcessor(20, recording("c"));

        packets.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(calls).containsExactly("a", "b", "c", "d");
        assertThat(sw.counters.get("packet_in.received")).isEqualTo(1);
        assertThat(sw.counters.get("packet_in.unhandled")).isEqualTo(1);
    }

    @Test
    void everyProcessorSeesAPacketAnEarlierOneHandled() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        List<Boolean> seenHandled = new ArrayList<>();
        packets.addProcessor(1, context -> context.markHandled());
        packets.addProcessor(2, context -> seenHandled.add(context.isHandled()));

        packets.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(seenHandled).containsExactly(true);
        assertThat(sw.counters.get("packet_in.unhandled")).isZero();
    }

    @Test
    void processorsSeeThePacketAsTheSwitchSentIt() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        List<InboundPacket> seen = new ArrayList<>();
        packets.addProcessor(0, context -> seen.add(context.packet()));

        packets.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(seen).singleElement().satisfies(packet -> {
            assertThat(packet.device()).isEqualTo(DeviceId.deviceId("of:000000000000002a"));
            assertThat(packet.inPort()).isEqualTo(PortNumber.portNumber(3));
            assertThat(packet.bufferId()).isEmpty();
            assertThat(packet.parsed().getEtherType()).isEqualTo((short) 0x88b5);
            assertThat(packet.parsed().isBroadcast()).isTrue();
            assertThat(Hex.of(packet.data())).isEqualTo("ff ff ff ff ff ff 0a 00 00 00 00 01 88 b5 77 65 66 74");
        });
    }

    @Test
    void throwingProcessorIsCountedAndLaterProcessorsStillRun() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        packets.addProcessor(1, recording("first"));
        packets.addProcessor(2, context -> {
            throw new IllegalStateException("processor bug");
        });
        packets.addProcessor(3, recording("third"));

        packets.packetIn(session, packetIn(PACKET_IN_13));
        packets.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(calls).containsExactly("first", "third", "first", "third");
        assertThat(sw.counters.get("packet_in.processor_failures")).isEqualTo(2);
    }

    @Test
    void unparsableDataIsCountedAndReachesNoProcessor() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        packets.addProcessor(0, recording("processor"));

        packets.packetIn(session, packetIn(RUNT_PACKET_IN_13));

        assertThat(calls).isEmpty();
        assertThat(sw.counters.get("packet_in.received")).isEqualTo(1);
        assertThat(sw.counters.get("packet_in.dropped.unparsable")).isEqualTo(1);
        assertThat(sw.counters.get("packet_in.unhandled")).isZero();
    }

    @Test
    void emitToAConnectedSwitchWritesAPacketOut() {
        sw.activate(OFVersion.OF_13);
        OutboundPacket packet = new OutboundPacket(DeviceId.deviceId("of:000000000000002a"), PortNumber.portNumber(1),
                List.of(Action.output(PortNumber.FLOOD)), Hex.bytes("de ad be ef"), OptionalInt.empty());

        assertThat(packets.emit(packet)).isTrue();

        sw.expect("04 0d 00 2c xx xx xx xx ff ff ff ff 00 00 00 01 00 10 00 00 00 00 00 00"
                + " 00 00 00 10 ff ff ff fb ff ff 00 00 00 00 00 00 de ad be ef");
        assertThat(sw.counters.get("packet_out.sent")).isEqualTo(1);
    }

    @Test
    void emitToAnUnknownSwitchIsDroppedAndCounted() {
        OutboundPacket packet = new OutboundPacket(DeviceId.deviceId("of:00000000000000ff"), PortNumber.portNumber(1),
                List.of(Action.output(PortNumber.FLOOD)), Hex.bytes("de ad be ef"), OptionalInt.empty());

        assertThat(packets.emit(packet)).isFalse();

        assertThat(sw.counters.get("packet_out.dropped.not_connected")).isEqualTo(1);
        assertThat(sw.counters.get("packet_out.sent")).isZero();
    }

    @Test
    void inlineProcessorsRunAsThePacketInArrivesAndTheRestOnAWorker() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        QueuedTasks workers = new QueuedTasks();
        OpenFlowPacketService service = new OpenFlowPacketService(sw.registry,
                new KeyedSerialExecutor("packet_in", workers, 64, sw.counters), sw.counters);
        service.addProcessor(10, recording("inline"), Execution.INLINE);
        service.addProcessor(20, recording("worker"), Execution.WORKER);
        // After a worker processor, an inline one runs on the worker too: the order is kept.
        service.addProcessor(30, recording("inline after worker"), Execution.INLINE);

        service.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(calls).containsExactly("inline");
        workers.runAll();
        assertThat(calls).containsExactly("inline", "worker", "inline after worker");
        assertThat(sw.counters.get("packet_in.unhandled")).isEqualTo(1);
    }

    @Test
    void aChainOfInlineProcessorsNeverReachesTheWorkers() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        QueuedTasks workers = new QueuedTasks();
        OpenFlowPacketService service = new OpenFlowPacketService(sw.registry,
                new KeyedSerialExecutor("packet_in", workers, 64, sw.counters), sw.counters);
        service.addProcessor(10, recording("a"), Execution.INLINE);
        service.addProcessor(20, context -> context.markHandled(), Execution.INLINE);

        service.packetIn(session, packetIn(PACKET_IN_13));

        assertThat(calls).containsExactly("a");
        assertThat(workers.queued()).isZero();
        assertThat(sw.counters.get("packet_in.unhandled")).isZero();
    }

    @Test
    void whenTheWorkersAreFullThePacketStopsAfterTheInlineProcessorsAndIsCounted() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        QueuedTasks workers = new QueuedTasks();
        OpenFlowPacketService service = new OpenFlowPacketService(sw.registry,
                new KeyedSerialExecutor("packet_in", workers, 1, sw.counters), sw.counters);
        service.addProcessor(10, recording("inline"), Execution.INLINE);
        service.addProcessor(20, recording("worker"), Execution.WORKER);

        service.packetIn(session, packetIn(PACKET_IN_13));
        service.packetIn(session, packetIn(PACKET_IN_13));
        workers.runAll();

        assertThat(calls).containsExactly("inline", "inline", "worker");
        assertThat(sw.counters.get("packet_in.dropped.overload")).isEqualTo(1);
    }

    private PacketProcessor recording(String name) {
        return (PacketContext context) -> calls.add(name);
    }

    private static PacketIn packetIn(String hex) {
        return PacketIn.read(Unpooled.wrappedBuffer(Hex.bytes(hex)));
    }

    /** An executor that only queues; the test runs what was queued when it chooses. */
    private static final class QueuedTasks extends AbstractExecutorService {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int queued() {
            return tasks.size();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}

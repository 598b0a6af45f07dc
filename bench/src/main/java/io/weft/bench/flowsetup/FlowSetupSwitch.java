package io.weft.bench.flowsetup;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.weft.bench.ofswitch.EmulatedSwitch;
import io.weft.bench.ofswitch.OfWire;
import io.weft.bench.ofswitch.SwitchBehaviour;
import io.weft.bench.ofswitch.SwitchProfile;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * One switch of a flow-setup run.
 *
 * <p>First it teaches the controller where its destination host is: a broadcast from that
 * host, repeated until the controller answers it (a controller that has not finished with
 * the switch yet ignores packet-ins). Then, once started, it keeps {@code window} packet-ins
 * in flight, each from the next of its source hosts to that destination, and counts the
 * answers. A packet-in is answered, once, by the first of: a flow mod adding a rule with its
 * buffer id, a packet-out with its buffer id, or a packet-out carrying its bytes. Flow mods
 * without a buffer id and barriers answer nothing by themselves; they are counted apart.
 */
final class FlowSetupSwitch implements SwitchBehaviour {
    private enum Phase { CONNECTING, LEARNING, LEARNED, RUNNING, STOPPED }

    private static final long BROADCAST = 0xffffffffffffL;
    private static final int BROADCAST_IP = 0xffffffff;
    private static final long LEARN_RETRY_MILLIS = 250;
    private static final long EXPIRY_PERIOD_MILLIS = 50;

    private final SwitchProfile profile;
    private final FlowSetupSettings settings;
    private final HostPlan plan;
    private final PacketInWriter writer;
    private final AnswerTracker tracker;
    private final LongSupplier clock;
    private final long answerTimeoutNanos;
    private final CompletableFuture<Void> learned = new CompletableFuture<>();
    private final AtomicLong answeredTotal = new AtomicLong();
    private final LatencySamples latencies;
    private volatile boolean recording;

    private Phase phase = Phase.CONNECTING;
    private EmulatedSwitch sw;
    private int nextHost;
    private ScheduledFuture<?> timer;
    private long sent;
    private long byFlowMod;
    private long byPacketOut;
    private long byPacketOutData;
    private long duplicates;
    private long late;
    private long unknown;
    private long expired;
    private long flowMods;
    private long flowModsWithoutBuffer;
    private long packetOuts;
    private long otherPacketOuts;
    private long barriers;
    private long answered;

    FlowSetupSwitch(SwitchProfile profile, FlowSetupSettings settings, LongSupplier clock) {
        this.profile = profile;
        this.settings = settings;
        this.plan = new HostPlan(profile.index(), settings.hosts(), settings.ports());
        this.writer = new PacketInWriter(profile.version());
        this.clock = clock;
        this.tracker = new AnswerTracker(settings.trackerCapacity(), clock.getAsLong());
        this.answerTimeoutNanos = settings.answerTimeout().toNanos();
        this.latencies = new LatencySamples(settings.latencyMode() ? 50_000_000 : 0);
    }

    SwitchProfile profile() {
        return profile;
    }

    /** Completes when the controller has answered the destination host's broadcast. */
    CompletableFuture<Void> learned() {
        return learned;
    }

    /** Packet-ins answered since the start, readable from any thread. */
    long answeredTotal() {
        return answeredTotal.get();
    }

    @Override
    public void onFeaturesSent(EmulatedSwitch emulated) {
        if (phase != Phase.CONNECTING) {
            return;
        }
        this.sw = emulated;
        phase = Phase.LEARNING;
        sendLearningPacket();
        timer = emulated.eventLoop().scheduleAtFixedRate(() -> {
            if (phase == Phase.LEARNING) {
                sendLearningPacket();
                sw.flush();
            }
        }, LEARN_RETRY_MILLIS, LEARN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sendLearningPacket() {
        long sequence = tracker.open(clock.getAsLong());
        ByteBuf buf = sw.alloc().buffer(writer.length());
        writer.write(buf, sequence, bufferId(sequence), plan.destinationPort(), plan.destinationMac(), BROADCAST,
                plan.destinationIp(), BROADCAST_IP, (int) (sequence & AnswerTracker.WIRE_MASK));
        sw.write(buf);
    }

    /** Starts sending; call on any thread once {@link #learned()} completed. */
    void start() {
        sw.eventLoop().execute(() -> {
            if (phase != Phase.LEARNED) {
                return;
            }
            // Repeats of the learning packet still in flight would hold places in the window.
            tracker.expire(Long.MAX_VALUE);
            phase = Phase.RUNNING;
            timer = sw.eventLoop().scheduleAtFixedRate(this::expireAndRefill, EXPIRY_PERIOD_MILLIS,
                    EXPIRY_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            fill();
            sw.flush();
        });
    }

    /** Runs {@code task} on the switch's event loop. */
    io.netty.util.concurrent.Future<?> onLoop(Runnable task) {
        return sw.eventLoop().submit(task);
    }

    /** Zeroes the tally and starts or stops recording latencies; runs on the switch's event loop. */
    void resetTally(boolean recordLatencies) {
        sent = answered = byFlowMod = byPacketOut = byPacketOutData = duplicates = late = unknown = expired = 0;
        flowMods = flowModsWithoutBuffer = packetOuts = otherPacketOuts = barriers = 0;
        latencies.clear();
        recording = recordLatencies;
    }

    /** Stops sending; runs on the switch's event loop. */
    void stop() {
        phase = Phase.STOPPED;
        recording = false;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    Tally tally() {
        return new Tally(sent, answered, byFlowMod, byPacketOut, byPacketOutData, duplicates, late, unknown, expired,
                flowMods, flowModsWithoutBuffer, packetOuts, otherPacketOuts, barriers);
    }

    long[] latencySamples() {
        return latencies.toArray();
    }

    @Override
    public void onFlowMod(EmulatedSwitch emulated, ByteBuf frame) {
        flowMods++;
        OFVersion version = emulated.version();
        if (!OfWire.flowModInstalls(frame, version)) {
            return;
        }
        long bufferId = OfWire.flowModBufferId(frame, version);
        if (bufferId == OfWire.NO_BUFFER) {
            flowModsWithoutBuffer++;
            return;
        }
        onAnswer(bufferId, Answer.FLOW_MOD);
    }

    @Override
    public void onPacketOut(EmulatedSwitch emulated, ByteBuf frame) {
        packetOuts++;
        long bufferId = OfWire.packetOutBufferId(frame);
        if (bufferId != OfWire.NO_BUFFER) {
            onAnswer(bufferId, Answer.PACKET_OUT);
            return;
        }
        long wire = PacketInWriter.sequence(frame, OfWire.packetOutDataOffset(frame, emulated.version()));
        if (wire < 0) {
            otherPacketOuts++;
        } else {
            onAnswer(wire, Answer.PACKET_OUT_DATA);
        }
    }

    private enum Answer { FLOW_MOD, PACKET_OUT, PACKET_OUT_DATA }

    private void onAnswer(long wire, Answer how) {
        if (wire > AnswerTracker.WIRE_MASK) {
            unknown++;
            return;
        }
        switch (tracker.answer(tracker.sequenceOf(wire), clock.getAsLong())) {
            case ANSWERED -> answered(how);
            case DUPLICATE -> duplicates++;
            case LATE -> late++;
            case UNKNOWN -> unknown++;
        }
    }

    private void answered(Answer how) {
        if (phase == Phase.LEARNING) {
            phase = Phase.LEARNED;
            timer.cancel(false);
            learned.complete(null);
            return;
        }
        if (phase != Phase.RUNNING) {
            return;
        }
        answered++;
        answeredTotal.lazySet(answeredTotal.get() + 1);
        switch (how) {
            case FLOW_MOD -> byFlowMod++;
            case PACKET_OUT -> byPacketOut++;
            case PACKET_OUT_DATA -> byPacketOutData++;
        }
        if (recording) {
            latencies.add(tracker.lastLatencyNanos());
        }
    }

    @Override
    public void onBarrier(EmulatedSwitch emulated) {
        barriers++;
    }

    @Override
    public void onReadComplete(EmulatedSwitch emulated) {
        if (phase == Phase.RUNNING) {
            fill();
        }
    }

    @Override
    public void onDisconnected(EmulatedSwitch emulated) {
        if (timer != null) {
            timer.cancel(false);
        }
        phase = Phase.STOPPED;
        learned.completeExceptionally(new IllegalStateException("switch " + profile.name() + " disconnected"));
    }

    private void expireAndRefill() {
        if (phase != Phase.RUNNING) {
            return;
        }
        expired += tracker.expire(clock.getAsLong() - answerTimeoutNanos);
        fill();
        sw.flush();
    }

    /** Tops the window up, all new packet-ins in one buffer. */
    private void fill() {
        int window = settings.window();
        if (!tracker.hasRoom(window) || !sw.isOpen()) {
            return;
        }
        int count = window - tracker.outstanding();
        ByteBuf buf = sw.alloc().buffer(count * writer.length());
        long now = clock.getAsLong();
        while (tracker.hasRoom(window)) {
            long sequence = tracker.open(now);
            int host = nextHost;
            nextHost = host + 1 == plan.hosts() ? 0 : host + 1;
            writer.write(buf, sequence, bufferId(sequence), plan.sourcePort(host), plan.sourceMac(host),
                    plan.destinationMac(), plan.sourceIp(host), plan.destinationIp(),
                    (int) (sequence & AnswerTracker.WIRE_MASK));
            sent++;
        }
        sw.write(buf);
    }

    private long bufferId(long sequence) {
        return settings.buffered() ? sequence & AnswerTracker.WIRE_MASK : OfWire.NO_BUFFER;
    }
}

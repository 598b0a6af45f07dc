package io.weft.southbound.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stands in for the southbound's packet service in tests: runs packet-ins through the
 * processors in order, as the real one does (all on the caller's thread), and records
 * packet-outs and packet-ins answered with rules instead of sending them. Not thread-safe;
 * tests drive it from one thread.
 */
public final class RecordingPacketService implements PacketService {
    private record Registration(int order, long sequence, PacketProcessor processor) {
    }

    private final List<Registration> processors = new ArrayList<>();
    private final List<OutboundPacket> emitted = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();
    private boolean emitResult = true;

    /** A packet-in answered with a rule through {@link #installAndApply}. */
    public record Answer(InboundPacket packet, FlowRule rule) {
    }

    @Override
    public void addProcessor(int order, PacketProcessor processor, Execution execution) {
        processors.add(new Registration(order, processors.size(), processor));
        processors.sort(Comparator.comparingInt(Registration::order).thenComparingLong(Registration::sequence));
    }

    @Override
    public boolean emit(OutboundPacket packet) {
        emitted.add(packet);
        return emitResult;
    }

    @Override
    public boolean installAndApply(InboundPacket packet, FlowRule rule) {
        PacketService.requireAnswerable(packet, rule);
        answers.add(new Answer(packet, rule));
        return emitResult;
    }

    /** Every packet-in answered with a rule so far, in order. */
    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** What {@link #emit} and {@link #installAndApply} answer from now on: false stands for a disconnected or congested switch. */
    public void emitResult(boolean result) {
        emitResult = result;
    }

    /** Runs {@code packet} through every processor and returns its context, to see whether it was handled. */
    public PacketContext deliver(InboundPacket packet) {
        PacketContext context = new PacketContext(packet);
        processors.forEach(r -> r.processor().process(context));
        return context;
    }

    /** Every packet emitted so far, in order. */
    public List<OutboundPacket> emitted() {
        return List.copyOf(emitted);
    }

    /** Forgets the packets emitted and answered so far. */
    public void clearEmitted() {
        emitted.clear();
        answers.clear();
    }
}

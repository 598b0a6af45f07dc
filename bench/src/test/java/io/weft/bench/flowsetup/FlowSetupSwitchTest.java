package io.weft.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.weft.bench.ofswitch.SwitchHarness;
import io.weft.bench.ofswitch.SwitchProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What the flow-setup switch counts, played message by message: each packet-in is answered
 * once, by the first flow mod or packet-out that carries its buffer id (or its bytes), and
 * nothing else counts.
 */
class FlowSetupSwitchTest {
    private static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final String WEFT_HELLO = "06 00 00 10 00 00 00 00 00 01 00 08 00 00 00 72";
    private static final long DESTINATION = 0x060000000001L;

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    private FlowSetupSettings settings(int window, boolean buffered, boolean latency) {
        return new FlowSetupSettings(OFVersion.OF_13, 1, 5, 4, latency, window, buffered, 1, Duration.ofSeconds(1), 0,
                Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), 1);
    }

    private record Rig(SwitchHarness harness, FlowSetupSwitch sw) {
        /** Packet-ins the switch wrote since the last call, parsed. */
        List<OFPacketIn> packetIns() {
            return harness.all().stream().map(b -> parse(b)).filter(OFPacketIn.class::isInstance)
                    .map(OFPacketIn.class::cast).toList();
        }
    }

    private Rig connect(FlowSetupSettings settings) {
        FlowSetupSwitch sw = new FlowSetupSwitch(SwitchProfile.of(0, OFVersion.OF_13, 4), settings, clock::get);
        SwitchHarness harness = new SwitchHarness(SwitchProfile.of(0, OFVersion.OF_13, 4), sw);
        harness.next();
        harness.feed(WEFT_HELLO);
        harness.feed("04 05 00 08 00 00 00 07");
        return new Rig(harness, sw);
    }

    /** Connects, has the destination learned through a flooded packet-out, starts, returns the first window. */
    private List<OFPacketIn> started(Rig rig) {
        List<OFPacketIn> learning = rig.packetIns();
        assertThat(learning).hasSize(1);
        rig.harness.feed(floodOf(learning.get(0)));
        assertThat(rig.sw.learned()).isDone();
        rig.sw.start();
        rig.harness.channel.runPendingTasks();
        rig.sw.resetTally(true);
        return rig.packetIns();
    }

    @Test
    void theDestinationHostBroadcastsUntilTheControllerAnswers() {
        Rig rig = connect(settings(3, true, false));
        OFPacketIn first = rig.packetIns().get(0);
        assertThat(inPort(first)).isEqualTo(OFPort.of(4));
        assertThat(source(first)).isEqualTo(DESTINATION);
        assertThat(destination(first)).isEqualTo(0xffffffffffffL);
        assertThat(first.getBufferId()).isEqualTo(OFBufferId.of(0));

        rig.harness.advance(Duration.ofMillis(250));
        List<OFPacketIn> again = rig.packetIns();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).getBufferId()).isEqualTo(OFBufferId.of(1));
        assertThat(rig.sw.learned()).isNotDone();

        rig.harness.feed(floodOf(again.get(0)));
        assertThat(rig.sw.learned()).isDone();
        rig.harness.advance(Duration.ofSeconds(1));
        assertThat(rig.packetIns()).as("no more broadcasts once learned").isEmpty();
    }

    @Test
    void runningKeepsTheWindowFullOfNewSourcesTowardsTheDestination() {
        Rig rig = connect(settings(3, true, false));
        List<OFPacketIn> window = started(rig);
        assertThat(window).hasSize(3);
        assertThat(window).extracting(FlowSetupSwitchTest::source)
                .containsExactly(0x020000000000L, 0x020000000001L, 0x020000000002L);
        assertThat(window).extracting(FlowSetupSwitchTest::inPort)
                .containsExactly(OFPort.of(1), OFPort.of(2), OFPort.of(3));
        assertThat(window).extracting(FlowSetupSwitchTest::destination).containsOnly(DESTINATION);
        assertThat(window).extracting(p -> p.getBufferId().getInt()).containsExactly(1, 2, 3);

        rig.harness.feed(flowMod(window.get(0).getBufferId()));
        List<OFPacketIn> refill = rig.packetIns();
        assertThat(refill).hasSize(1);
        assertThat(source(refill.get(0))).isEqualTo(0x020000000003L);
        assertThat(rig.sw.answeredTotal()).isEqualTo(1);
    }

    @Test
    void aFlowModAndAPacketOutForOnePacketInCountOnce() {
        Rig rig = connect(settings(3, true, false));
        List<OFPacketIn> window = started(rig);

        // A rule without the buffer id, a barrier, then the buffered packet sent on (Weft's way before issue 4).
        rig.harness.feed(concat(flowMod(OFBufferId.NO_BUFFER), F13.buildBarrierRequest().setXid(99).build(),
                packetOut(window.get(0).getBufferId())));
        // ovs-testcontroller's and Weft's way: one flow mod with the buffer id.
        rig.harness.feed(flowMod(window.get(1).getBufferId()));
        // A controller that sends both: the second is a duplicate.
        rig.harness.feed(concat(flowMod(window.get(2).getBufferId()), packetOut(window.get(2).getBufferId())));
        rig.harness.feed(packetOut(window.get(0).getBufferId()));

        Tally t = rig.sw.tally();
        assertThat(t.answered()).isEqualTo(3);
        assertThat(t.byPacketOut()).isEqualTo(1);
        assertThat(t.byFlowMod()).isEqualTo(2);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.flowMods()).isEqualTo(3);
        assertThat(t.flowModsWithoutBuffer()).isEqualTo(1);
        assertThat(t.packetOuts()).isEqualTo(3);
        assertThat(t.barriers()).isEqualTo(1);
        assertThat(t.sent()).as("each answer refilled the window").isEqualTo(3);
        assertThat(rig.sw.answeredTotal()).isEqualTo(3);
    }

    @Test
    void packetOutsOfOtherPacketsBuffersNeverSentAndDeletesAnswerNothing() {
        Rig rig = connect(settings(3, true, false));
        List<OFPacketIn> window = started(rig);
        byte[] lldp = new byte[60];
        lldp[12] = (byte) 0x88;
        lldp[13] = (byte) 0xcc;
        rig.harness.feed(F13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of(out(1))).setData(lldp).build());
        rig.harness.feed(packetOut(OFBufferId.of(999)));
        rig.harness.feed(flowMod(OFBufferId.of(0x7fff_ffff + 1)));
        rig.harness.feed(F13.buildFlowDelete().setBufferId(window.get(0).getBufferId()).setMatch(F13.matchWildcardAll())
                .build());

        Tally t = rig.sw.tally();
        assertThat(t.answered()).isZero();
        assertThat(t.otherPacketOuts()).isEqualTo(1);
        assertThat(t.unknown()).isEqualTo(2);
        assertThat(t.flowMods()).isEqualTo(2);
    }

    @Test
    void anUnbufferedPacketInIsAnsweredByAPacketOutOfItsBytes() {
        Rig rig = connect(settings(2, false, false));
        List<OFPacketIn> learning = rig.packetIns();
        assertThat(learning.get(0).getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
        rig.harness.feed(packetOutOf(learning.get(0)));
        assertThat(rig.sw.learned()).isDone();
        rig.sw.start();
        rig.harness.channel.runPendingTasks();
        rig.sw.resetTally(false);
        List<OFPacketIn> window = rig.packetIns();
        assertThat(window).extracting(OFPacketIn::getBufferId).containsOnly(OFBufferId.NO_BUFFER);

        // ovs-testcontroller's answer to an unbuffered packet-in: a flow mod without buffer, then the packet.
        rig.harness.feed(concat(flowMod(OFBufferId.NO_BUFFER), packetOutOf(window.get(1))));
        rig.harness.feed(packetOutOf(window.get(1)));

        Tally t = rig.sw.tally();
        assertThat(t.answered()).isEqualTo(1);
        assertThat(t.byPacketOutData()).isEqualTo(1);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.flowModsWithoutBuffer()).isEqualTo(1);
    }

    @Test
    void unansweredPacketInsAreGivenUpAfterTheTimeoutAndTheirAnswersComeLate() {
        Rig rig = connect(settings(2, true, false));
        List<OFPacketIn> window = started(rig);
        clock.addAndGet(Duration.ofMillis(1_100).toNanos());
        rig.harness.advance(Duration.ofMillis(50));
        assertThat(rig.packetIns()).as("the window refilled").hasSize(2);
        rig.harness.feed(flowMod(window.get(0).getBufferId()));

        Tally t = rig.sw.tally();
        assertThat(t.expired()).isEqualTo(2);
        assertThat(t.late()).isEqualTo(1);
        assertThat(t.answered()).isZero();
    }

    @Test
    void latencyModeRecordsTheTimeFromPacketInToAnswer() {
        Rig rig = connect(settings(1, true, true));
        List<OFPacketIn> window = started(rig);
        assertThat(window).hasSize(1);
        clock.addAndGet(250_000);
        rig.harness.feed(flowMod(window.get(0).getBufferId()));
        List<OFPacketIn> next = rig.packetIns();
        assertThat(next).hasSize(1);
        clock.addAndGet(40_000);
        rig.harness.feed(packetOut(next.get(0).getBufferId()));

        assertThat(rig.sw.latencySamples()).containsExactly(250_000, 40_000);
    }

    @Test
    void theBarriersOfTheControllerAreAnsweredInOrder() {
        Rig rig = connect(settings(1, true, false));
        started(rig);
        rig.harness.feed(concat(F13.buildBarrierRequest().setXid(5).build(), F13.buildBarrierRequest().setXid(6).build()));
        List<byte[]> written = rig.harness.all();
        assertThat(written).extracting(SwitchHarness::hex)
                .containsExactly("04 15 00 08 00 00 00 05", "04 15 00 08 00 00 00 06");
    }

    private static OFMessage parse(byte[] bytes) {
        try {
            return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static OFPort inPort(OFPacketIn packetIn) {
        return packetIn.getMatch().get(MatchField.IN_PORT);
    }

    private static long source(OFPacketIn packetIn) {
        return MacAddress.of(java.util.Arrays.copyOfRange(packetIn.getData(), 6, 12)).getLong();
    }

    private static long destination(OFPacketIn packetIn) {
        return MacAddress.of(java.util.Arrays.copyOfRange(packetIn.getData(), 0, 6)).getLong();
    }

    private static OFAction out(int port) {
        return F13.actions().output(OFPort.of(port), 0xffff);
    }

    private static OFMessage flowMod(OFBufferId bufferId) {
        return F13.buildFlowAdd().setBufferId(bufferId).setMatch(F13.matchWildcardAll())
                .setInstructions(List.of(F13.instructions().applyActions(List.of(out(4))))).build();
    }

    private static OFMessage packetOut(OFBufferId bufferId) {
        return F13.buildPacketOut().setBufferId(bufferId).setInPort(OFPort.of(1)).setActions(List.of(out(4))).build();
    }

    private static OFMessage floodOf(OFPacketIn packetIn) {
        return F13.buildPacketOut().setBufferId(packetIn.getBufferId()).setInPort(inPort(packetIn))
                .setActions(List.of(F13.actions().output(OFPort.FLOOD, 0xffff))).build();
    }

    private static OFMessage packetOutOf(OFPacketIn packetIn) {
        return F13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(inPort(packetIn))
                .setActions(List.of(out(4))).setData(packetIn.getData()).build();
    }

    private static byte[] concat(OFMessage... messages) {
        io.netty.buffer.ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : messages) {
            m.writeTo(buf);
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }
}

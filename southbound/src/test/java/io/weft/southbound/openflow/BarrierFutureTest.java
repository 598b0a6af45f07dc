package io.weft.southbound.openflow;

import com.google.common.util.concurrent.MoreExecutors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.buffer.Unpooled;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A batch of flow operations is confirmed by the barrier that ends it: the barrier reply
 * settles its future, with the switch's errors for the batch if there were any (and only the
 * refused rules failed); a closed connection or a barrier timeout fails it.
 */
@Timeout(10)
class BarrierFutureTest {
    private static final FlowRule RULE = OpenFlowTranslatorTest.RULE;
    private static final String BARRIER_REQUEST_13 = "04 14 00 08 xx xx xx xx";
    private static final String BARRIER_REPLY_13 = "04 15 00 08 xx xx xx xx";
    /** ERROR FLOW_MOD_FAILED / TABLE_FULL, without data. */
    private static final String TABLE_FULL_13 = "04 01 00 0c xx xx xx xx 00 05 00 01";

    private final SwitchConnection sw = SwitchConnection.open();
    private final DeviceId device = RULE.device();
    private final OpenFlowFlowRuleService flowRules = new OpenFlowFlowRuleService(sw.registry,
            new EventDispatcher(new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64, sw.counters),
                    sw.counters), sw.counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    @Test
    void barrierReplyCompletesTheBatch() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> done = flowRules.apply(device, List.of(FlowOperation.add(RULE)));

        long flowModXid = sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        long barrierXid = sw.expect(BARRIER_REQUEST_13);
        sw.expectNothingWritten();
        assertThat(barrierXid).isNotEqualTo(flowModXid);
        assertThat(done).isNotDone();
        assertThat(session.pendingBatches()).isEqualTo(1);

        sw.reply(BARRIER_REPLY_13, barrierXid);

        assertThat(done).isCompletedWithValue(null);
        assertThat(session.pendingBatches()).isZero();
    }

    @Test
    void barrierReplyOfAnotherBatchDoesNotCompleteThisOne() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> first = flowRules.apply(device, List.of(FlowOperation.add(RULE)));
        sw.written();
        long firstBarrier = sw.expect(BARRIER_REQUEST_13);
        CompletableFuture<Void> second = flowRules.apply(device, List.of(FlowOperation.remove(RULE)));
        sw.written();
        long secondBarrier = sw.expect(BARRIER_REQUEST_13);

        sw.reply(BARRIER_REPLY_13, secondBarrier);
        assertThat(second).isCompletedWithValue(null);
        assertThat(first).isNotDone();

        sw.reply(BARRIER_REPLY_13, firstBarrier);
        assertThat(first).isCompletedWithValue(null);
    }

    @Test
    void errorForAMessageOfTheBatchFailsItWhenTheBarrierReplyComes() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> done = flowRules.apply(device,
                List.of(FlowOperation.add(RULE), FlowOperation.modify(RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        long modifyXid = sw.expect(OpenFlowTranslatorTest.FLOW_MODIFY_13);
        long barrierXid = sw.expect(BARRIER_REQUEST_13);

        sw.reply(TABLE_FULL_13, modifyXid);
        assertThat(done).as("settled only by the barrier reply").isNotDone();
        sw.reply(BARRIER_REPLY_13, barrierXid);

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FlowOperationException.class, e -> {
                    assertThat(e.device()).isEqualTo(device);
                    assertThat(e.errors()).singleElement().asString().contains("FLOW_MOD_FAILED", "TABLE_FULL");
                    assertThat(e.refusals()).extracting(FlowOperationException.Refusal::operation)
                            .containsExactly(FlowOperation.modify(RULE));
                });
        assertThat(flowRules.entry(RULE)).hasValueSatisfying(e -> {
            assertThat(e.state()).as("the modify, last in the batch, was refused").isEqualTo(FlowEntry.State.FAILED);
            assertThat(e.error()).hasValueSatisfying(error -> assertThat(error).contains("TABLE_FULL"));
        });
        assertThat(sw.counters.get("openflow.errors.received")).isEqualTo(1);
        assertThat(sw.counters.get("openflow.errors.unattributed")).isZero();
        assertThat(sw.channel.isActive()).as("an error is no reason to close").isTrue();
    }

    @Test
    void onlyTheRulesTheSwitchRefusedFailTheOthersOfTheBatchAreInstalled() {
        sw.activate(OFVersion.OF_13);
        FlowRule other = new FlowRule(device, 0, RULE.priority() + 1, RULE.match(), RULE.actions(), RULE.cookie(),
                0, 0);
        FlowRule third = new FlowRule(device, 0, RULE.priority() + 2, RULE.match(), RULE.actions(), RULE.cookie(),
                0, 0);
        CompletableFuture<Void> done = flowRules.apply(device,
                List.of(FlowOperation.add(RULE), FlowOperation.add(other), FlowOperation.add(third)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        long otherXid = xid(sw.written());
        sw.written();
        long barrierXid = sw.expect(BARRIER_REQUEST_13);

        sw.reply(TABLE_FULL_13, otherXid);
        sw.reply(TABLE_FULL_13, otherXid);
        sw.reply(BARRIER_REPLY_13, barrierXid);

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FlowOperationException.class, e -> {
                    assertThat(e.refusals()).extracting(FlowOperationException.Refusal::operation)
                            .containsExactly(FlowOperation.add(other), FlowOperation.add(other));
                    assertThat(e.mayHaveRefused(FlowOperation.add(RULE))).isFalse();
                });
        assertThat(flowRules.rules(device)).extracting(e -> e.rule().priority(), FlowEntry::state).containsExactly(
                tuple(third.priority(), FlowEntry.State.INSTALLED), tuple(other.priority(), FlowEntry.State.FAILED),
                tuple(RULE.priority(), FlowEntry.State.INSTALLED));
    }

    private static long xid(byte[] message) {
        return Unpooled.wrappedBuffer(message).getUnsignedInt(4);
    }

    @Test
    void errorForNoBatchIsCountedAsUnattributed() {
        sw.activate(OFVersion.OF_13);
        sw.reply(TABLE_FULL_13, 0x7777);
        assertThat(sw.counters.get("openflow.errors.unattributed")).isEqualTo(1);
        assertThat(sw.channel.isActive()).isTrue();
    }

    @Test
    void barrierReplyForNoBatchIsCountedAndIgnored() {
        sw.activate(OFVersion.OF_13);
        sw.reply(BARRIER_REPLY_13, 0x7777);
        assertThat(sw.counters.get("openflow.ignored.barrier_reply")).isEqualTo(1);
        assertThat(sw.channel.isActive()).isTrue();
    }

    @Test
    void connectionClosingFirstFailsTheBatchWithDeviceNotConnected() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> done = flowRules.apply(device, List.of(FlowOperation.add(RULE)));
        sw.channel.runPendingTasks();

        sw.channel.close();
        sw.channel.runPendingTasks();

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceNotConnectedException.class);
    }

    @Test
    void aConfirmedBatchLeavesNoBarrierTimerBehind() {
        // Echo far later than the barrier timeout: the next timer due is then the idle timer,
        // unless a settled batch's barrier timer is still queued.
        OpenFlowConfig d = OpenFlowConfig.DEFAULTS;
        OpenFlowConfig config = new OpenFlowConfig(d.address(), d.port(), d.maxMessageBytes(), d.handshakeTimeout(),
                Duration.ofSeconds(60), d.echoMisses(), d.writeHighWaterBytes(), d.maxPendingWriteBytes(),
                Duration.ofSeconds(1), d.eventLoops(), d.spinBeforeSleep());
        try (SwitchConnection other = SwitchConnection.open(config)) {
            other.activate(OFVersion.OF_13);
            OpenFlowFlowRuleService rules = new OpenFlowFlowRuleService(other.registry, new EventDispatcher(
                    new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64, other.counters),
                    other.counters), other.counters);
            CompletableFuture<Void> done = rules.apply(device, List.of(FlowOperation.add(RULE)));
            other.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
            long barrierXid = other.expect(BARRIER_REQUEST_13);
            assertThat(other.channel.runScheduledPendingTasks()).as("the barrier timer is the next one due")
                    .isLessThanOrEqualTo(Duration.ofSeconds(1).toNanos());

            other.reply(BARRIER_REPLY_13, barrierXid);

            assertThat(done).isCompleted();
            assertThat(other.channel.runScheduledPendingTasks()).as("next timer due after the batch settled")
                    .isGreaterThan(Duration.ofSeconds(30).toNanos());
        }
    }

    @Test
    void noBarrierReplyWithinTheTimeoutFailsTheBatchWithTimeout() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> done = flowRules.apply(device, List.of(FlowOperation.add(RULE)));
        sw.written();
        long barrierXid = sw.expect(BARRIER_REQUEST_13);
        Duration timeout = sw.config.barrierTimeout();

        sw.advance(timeout.minusMillis(1));
        assertThat(done).isNotDone();
        sw.advance(Duration.ofMillis(1));

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(sw.counters.get("openflow.barrier.timeouts")).isEqualTo(1);
        assertThat(session.pendingBatches()).isZero();

        sw.reply(BARRIER_REPLY_13, barrierXid); // too late
        assertThat(sw.counters.get("openflow.ignored.barrier_reply")).isEqualTo(1);
        assertThat(sw.counters.get("openflow.barrier.timeouts")).isEqualTo(1);
    }

    @Test
    void applyToAnUnknownDeviceFailsAtOnce() {
        CompletableFuture<Void> done = flowRules.apply(DeviceId.deviceId("of:00000000000000ff"),
                List.of(FlowOperation.add(RULE)));
        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceNotConnectedException.class);
        sw.channel.runPendingTasks();
        assertThat(sw.channel.outboundMessages()).as("only our HELLO").hasSize(1);
    }

    @Test
    void applyToADeviceStillInItsHandshakeFailsAtOnce() {
        sw.negotiate(OFVersion.OF_13);
        sw.reply(Handshakes.OF_13.featuresReply(), 1);
        sw.expect(Handshakes.OF_13.portDescRequest());

        CompletableFuture<Void> done = flowRules.apply(device, List.of(FlowOperation.add(RULE)));

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceNotConnectedException.class);
        sw.expectNothingWritten();
    }

    @Test
    void sendConfirmedOnAClosedSessionFailsAtOnce() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        sw.channel.close();
        sw.channel.runPendingTasks();

        long xid = session.nextXid();
        CompletableFuture<Void> done = session.sendConfirmed(List.of(xid), List.of(
                OpenFlowTranslator.flowMod(session.factory(), FlowOperation.add(RULE)).createBuilder().setXid(xid).build()));

        assertThat(done).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DeviceNotConnectedException.class);
        assertThat(session.pendingBatches()).isZero();
    }

    @Test
    void flowModsOnOpenFlow10AreConfirmedByAnOpenFlow10Barrier() {
        sw.activate(OFVersion.OF_10);
        CompletableFuture<Void> done = flowRules.apply(device, List.of(FlowOperation.add(RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_10);
        long barrierXid = sw.expect("01 12 00 08 xx xx xx xx");
        sw.reply("01 13 00 08 xx xx xx xx", barrierXid);
        assertThat(done).isCompletedWithValue(null);
    }
}

package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import io.netty.buffer.Unpooled;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.retry.FlowRetryConfig;
import io.weft.southbound.retry.RetryingFlowRuleService;
import io.weft.topology.MutableClock;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The retrier over the OpenFlow flow rule service and a switch played with golden bytes: a
 * flow mod the switch answers with OFPT_ERROR goes out again, alone, after the backoff; one
 * whose barrier is never answered as well.
 */
@Timeout(10)
class RetryOverSessionTest {
    private static final FlowRule RULE = OpenFlowTranslatorTest.RULE;
    private static final FlowRule OTHER = new FlowRule(RULE.device(), 0, RULE.priority() + 1, RULE.match(),
            RULE.actions(), RULE.cookie(), 0, 0);
    private static final String BARRIER_REQUEST_13 = "04 14 00 08 xx xx xx xx";
    private static final String BARRIER_REPLY_13 = "04 15 00 08 xx xx xx xx";
    /** ERROR FLOW_MOD_FAILED / TABLE_FULL, without data. */
    private static final String TABLE_FULL_13 = "04 01 00 0c xx xx xx xx 00 05 00 01";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    /** Barriers time out long before the switch would be sent an echo request. */
    private final SwitchConnection sw = SwitchConnection.open(quietConfig());
    private final MutableClock clock = new MutableClock(T0);
    private final RetryingFlowRuleService flowRules = new RetryingFlowRuleService(
            new OpenFlowFlowRuleService(sw.registry, new EventDispatcher(new KeyedSerialExecutor("events",
                    MoreExecutors.newDirectExecutorService(), 64, sw.counters), sw.counters), sw.counters),
            FlowRetryConfig.DEFAULTS, clock, () -> 1.0, sw.counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    private static OpenFlowConfig quietConfig() {
        OpenFlowConfig d = OpenFlowConfig.DEFAULTS;
        return new OpenFlowConfig(d.address(), d.port(), d.maxMessageBytes(), d.handshakeTimeout(),
                Duration.ofSeconds(60), d.echoMisses(), d.writeHighWaterBytes(), d.maxPendingWriteBytes(),
                Duration.ofSeconds(1), d.eventLoops(), d.spinBeforeSleep());
    }

    private static long xid(byte[] message) {
        return Unpooled.wrappedBuffer(message).getUnsignedInt(4);
    }

    @Test
    void aRefusedFlowModIsSentAgainAloneAfterTheBackoff() {
        sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> done = flowRules.apply(RULE.device(),
                List.of(FlowOperation.add(RULE), FlowOperation.add(OTHER)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        byte[] otherAdd = sw.written();
        sw.reply(TABLE_FULL_13, xid(otherAdd));
        sw.reply(BARRIER_REPLY_13, sw.expect(BARRIER_REQUEST_13));
        assertThat(done).isCompletedExceptionally();
        assertThat(flowRules.entry(RULE).orElseThrow().state()).isEqualTo(FlowEntry.State.INSTALLED);
        assertThat(flowRules.entry(OTHER).orElseThrow().nextRetry()).contains(T0.plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        flowRules.sendDue();

        byte[] again = sw.written();
        assertThat(Unpooled.wrappedBuffer(again).skipBytes(8))
                .as("the same flow mod, with another xid").isEqualTo(Unpooled.wrappedBuffer(otherAdd).skipBytes(8));
        long barrier = sw.expect(BARRIER_REQUEST_13);
        sw.expectNothingWritten();
        sw.reply(BARRIER_REPLY_13, barrier);
        assertThat(flowRules.entry(OTHER).orElseThrow()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.INSTALLED);
            assertThat(e.nextRetry()).isEmpty();
        });
        assertThat(sw.counters.get("flows.retry.succeeded")).isEqualTo(1);
    }

    @Test
    void aBatchWhoseBarrierIsNotAnsweredIsSentAgainAndThenAgainLater() {
        sw.activate(OFVersion.OF_13);
        flowRules.apply(RULE.device(), List.of(FlowOperation.add(RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        sw.expect(BARRIER_REQUEST_13);
        sw.advance(sw.config.barrierTimeout());
        assertThat(flowRules.entry(RULE).orElseThrow().nextRetry()).contains(T0.plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        flowRules.sendDue();
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        sw.expect(BARRIER_REQUEST_13);
        sw.advance(sw.config.barrierTimeout());

        assertThat(flowRules.entry(RULE).orElseThrow()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.FAILED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextRetry()).contains(clock.instant().plusSeconds(2));
            assertThat(e.error()).hasValueSatisfying(error -> assertThat(error).contains("did not confirm"));
        });
        assertThat(sw.counters.get("openflow.barrier.timeouts")).isEqualTo(2);
        assertThat(sw.counters.get("flows.retry.scheduled")).isEqualTo(2);
    }
}

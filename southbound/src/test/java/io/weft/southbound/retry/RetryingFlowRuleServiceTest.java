package io.weft.southbound.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.RecordingFlowRuleService;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.MutableClock;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * The retrier over a flow rule service whose switch refuses the rules the test names, a clock
 * that stands still and a jitter the test sets; {@link RetryingFlowRuleService#sendDue} is the
 * timer, called by hand.
 */
class RetryingFlowRuleServiceTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceId S2 = DeviceIds.fromDatapathId(2);
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private final Counters counters = new Counters();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingFlowRuleService switches = new RecordingFlowRuleService();
    /** Rules the switches refuse, whichever batch carries them. */
    private final Set<FlowRule> refusing = new HashSet<>();
    /** Batches whose answer the test gives by hand, while {@link #holding}. */
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean holding;
    private double jitter = 1.0;
    private RetryingFlowRuleService retrier = retrier(FlowRetryConfig.DEFAULTS);

    private RetryingFlowRuleService retrier(FlowRetryConfig config) {
        return new RetryingFlowRuleService(switches, config, clock, () -> jitter, counters);
    }

    @BeforeEach
    void switchesRefuseWhatTheTestSays() {
        switches.answerWith((device, ops) -> {
            if (holding) {
                CompletableFuture<Void> answer = new CompletableFuture<>();
                held.add(answer);
                return answer;
            }
            List<FlowOperationException.Refusal> refusals = ops.stream().filter(op -> refusing.contains(op.rule()))
                    .map(op -> new FlowOperationException.Refusal(op, "FLOW_MOD_FAILED TABLE_FULL")).toList();
            return refusals.isEmpty() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(FlowOperationException.refused(device, refusals));
        });
    }

    private static FlowRule rule(DeviceId device, long dst) {
        return rule(device, dst, 1);
    }

    private static FlowRule rule(DeviceId device, long dst, long out) {
        return new FlowRule(device, 0, 10, TrafficMatch.ANY.withEthDst(MacAddress.valueOf(dst)),
                List.of(Action.output(PortNumber.portNumber(out))), 0x5701_0000_0000_0000L, 0, 0);
    }

    private FlowEntry entry(FlowRule rule) {
        FlowEntry entry = retrier.entry(rule).orElseThrow();
        assertThat(retrier.rules(rule.device())).contains(entry);
        return entry;
    }

    private void advance(Duration by) {
        clock.advance(by);
        retrier.sendDue();
    }

    private List<FlowOperation> lastBatch() {
        List<List<FlowOperation>> batches = switches.batches();
        return batches.get(batches.size() - 1);
    }

    @Test
    void onlyTheRefusedRuleFailsAndItAloneIsSentAgainAfterTheFirstDelay() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        refusing.add(b);

        CompletableFuture<Void> done = retrier.apply(S1, List.of(FlowOperation.add(a), FlowOperation.add(b)));

        assertThat(done).isCompletedExceptionally();
        assertThat(entry(a)).isEqualTo(new FlowEntry(a, FlowEntry.State.INSTALLED, Optional.empty()));
        assertThat(entry(b)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.FAILED);
            assertThat(e.error()).hasValueSatisfying(error -> assertThat(error).contains("TABLE_FULL"));
            assertThat(e.attempts()).isZero();
            assertThat(e.nextRetry()).contains(T0.plusSeconds(1));
            assertThat(e.gaveUp()).isFalse();
        });
        assertThat(counters.get("flows.retry.scheduled")).isEqualTo(1);

        advance(Duration.ofMillis(999));
        assertThat(switches.batches()).hasSize(1);
        refusing.clear();
        advance(Duration.ofMillis(1));

        assertThat(switches.batches()).hasSize(2);
        assertThat(lastBatch()).containsExactly(FlowOperation.add(b));
        assertThat(entry(b)).isEqualTo(new FlowEntry(b, FlowEntry.State.INSTALLED, Optional.empty()));
        assertThat(counters.get("flows.retry.sent")).isEqualTo(1);
        assertThat(counters.get("flows.retry.succeeded")).isEqualTo(1);
        advance(Duration.ofMinutes(5));
        assertThat(switches.batches()).as("nothing more once it is installed").hasSize(2);
    }

    @Test
    void theDelayDoublesUntilTheRetriesGiveUpAndTheEntrySaysSo() {
        FlowRule a = rule(S1, 1);
        refusing.add(a);
        retrier.apply(S1, List.of(FlowOperation.modify(a)));

        for (long seconds : new long[] {1, 2, 4, 8, 16, 32}) {
            Instant now = clock.instant();
            assertThat(entry(a).nextRetry()).contains(now.plusSeconds(seconds));
            advance(Duration.ofSeconds(seconds).minusMillis(1));
            int sent = switches.batches().size();
            advance(Duration.ofMillis(1));
            assertThat(switches.batches()).hasSize(sent + 1);
            assertThat(lastBatch()).as("the operation the app sent").containsExactly(FlowOperation.modify(a));
        }

        assertThat(entry(a)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.FAILED);
            assertThat(e.gaveUp()).isTrue();
            assertThat(e.attempts()).isEqualTo(6);
            assertThat(e.nextRetry()).isEmpty();
            assertThat(e.error()).hasValueSatisfying(error -> assertThat(error)
                    .startsWith("gave up after 6 attempt(s): ").contains("TABLE_FULL"));
        });
        assertThat(counters.get("flows.retry.sent")).isEqualTo(6);
        assertThat(counters.get("flows.retry.scheduled")).isEqualTo(6);
        assertThat(counters.get("flows.retry.gave_up")).isEqualTo(1);
        assertThat(counters.get("flows.retry.succeeded")).isZero();
        advance(Duration.ofHours(2));
        assertThat(switches.batches()).hasSize(7);
    }

    /** A rule on S1 the switch refuses, sent once by its app through a retrier with {@code config}. */
    private FlowRule refusedThrough(FlowRetryConfig config) {
        retrier = retrier(config);
        FlowRule a = rule(S1, 1);
        refusing.add(a);
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        return a;
    }

    @Test
    void theDelayStopsGrowingAtTheCap() {
        FlowRule a = refusedThrough(new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), 6));

        List<Duration> delays = new ArrayList<>();
        while (entry(a).nextRetry().isPresent()) {
            Duration delay = Duration.between(clock.instant(), entry(a).nextRetry().get());
            delays.add(delay);
            advance(delay);
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 5L, 5L, 5L);
    }

    @Test
    void theJitterTakesBetweenHalfAndAllOfTheDelay() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        refusing.addAll(List.of(a, b));

        jitter = 0.0;
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        jitter = 0.5;
        retrier.apply(S1, List.of(FlowOperation.add(b)));

        assertThat(entry(a).nextRetry()).contains(T0.plusMillis(500));
        assertThat(entry(b).nextRetry()).contains(T0.plusMillis(750));
    }

    @Test
    void retriesDueForADeviceGoOutTogetherOneBatchPerDevice() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        FlowRule c = rule(S2, 3);
        refusing.addAll(List.of(a, b, c));
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        clock.advance(Duration.ofMillis(300));
        retrier.apply(S1, List.of(FlowOperation.add(b)));
        retrier.apply(S2, List.of(FlowOperation.add(c)));
        refusing.clear();

        advance(Duration.ofMillis(1000));

        assertThat(switches.batches()).hasSize(5);
        assertThat(switches.batches().subList(3, 5)).containsExactlyInAnyOrder(
                List.of(FlowOperation.add(a), FlowOperation.add(b)), List.of(FlowOperation.add(c)));
        assertThat(counters.get("flows.retry.sent")).isEqualTo(3);
        assertThat(counters.get("flows.retry.succeeded")).isEqualTo(3);
    }

    @Test
    void aDeviceHasAtMostOneRetryBatchInFlight() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        holding = true;
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        held.get(0).completeExceptionally(FlowOperationException.refused(S1,
                List.of(new FlowOperationException.Refusal(FlowOperation.add(a), "TABLE_FULL"))));
        advance(Duration.ofSeconds(1));
        assertThat(held).as("a's retry, unanswered").hasSize(2);
        assertThat(entry(a)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.PENDING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextRetry()).isEmpty();
        });

        retrier.apply(S1, List.of(FlowOperation.add(b)));
        held.get(2).completeExceptionally(new TimeoutException("no barrier reply"));
        advance(Duration.ofSeconds(5));
        assertThat(held).as("b is due, but a's retry is still in flight").hasSize(3);

        held.get(1).completeExceptionally(FlowOperationException.refused(S1,
                List.of(new FlowOperationException.Refusal(FlowOperation.add(a), "TABLE_FULL"))));
        assertThat(entry(a).nextRetry()).contains(clock.instant().plusSeconds(2));
        retrier.sendDue();

        assertThat(held).hasSize(4);
        assertThat(lastBatch()).containsExactly(FlowOperation.add(b));
    }

    @Test
    void aRetryIsCancelledWhenItsAppReplacesOrRemovesTheRule() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        refusing.addAll(List.of(a, b));
        retrier.apply(S1, List.of(FlowOperation.add(a), FlowOperation.add(b)));
        FlowRule otherAction = rule(S1, 1, 7);

        retrier.apply(S1, List.of(FlowOperation.add(otherAction), FlowOperation.remove(b)));
        advance(Duration.ofMinutes(2));

        assertThat(counters.get("flows.retry.cancelled")).isEqualTo(2);
        assertThat(switches.batches()).hasSize(2);
        assertThat(counters.get("flows.retry.sent")).isZero();
        assertThat(entry(otherAction).state()).isEqualTo(FlowEntry.State.INSTALLED);
    }

    @Test
    void aRetryIsSkippedWhenOnceDueItsRuleIsNoLongerTheFailedOne() {
        FlowRule a = rule(S1, 1);
        refusing.add(a);
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        refusing.clear();
        switches.apply(S1, List.of(FlowOperation.add(a))); // installed by another way than the retrier

        advance(Duration.ofSeconds(1));

        assertThat(switches.batches()).hasSize(2);
        assertThat(counters.get("flows.retry.cancelled")).isEqualTo(1);
        assertThat(entry(a)).isEqualTo(new FlowEntry(a, FlowEntry.State.INSTALLED, Optional.empty()));
    }

    @Test
    void aDeviceThatDisconnectsCancelsItsRetries() {
        DeviceManager devices = new DeviceManager(new EventDispatcher(
                new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 64, counters), counters));
        devices.addListener(retrier::onDeviceEvent);
        DeviceDescription ovs = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0", "None", "OF_13");
        devices.deviceConnected(S1, ovs, List.of());
        FlowRule a = rule(S1, 1);
        FlowRule c = rule(S2, 3);
        refusing.addAll(List.of(a, c));
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        retrier.apply(S2, List.of(FlowOperation.add(c)));

        devices.deviceDisconnected(S1);
        advance(Duration.ofSeconds(1));

        assertThat(counters.get("flows.retry.cancelled")).isEqualTo(1);
        assertThat(lastBatch()).containsExactly(FlowOperation.add(c));
        assertThat(entry(a).nextRetry()).isEmpty();
        assertThat(entry(a).state()).isEqualTo(FlowEntry.State.FAILED);
    }

    @Test
    void aRetryFindingTheDeviceGoneCancelsTheRestOfItsRetries() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        refusing.addAll(List.of(a, b));
        retrier.apply(S1, List.of(FlowOperation.add(a)));
        clock.advance(Duration.ofSeconds(1));
        retrier.apply(S1, List.of(FlowOperation.add(b)));
        switches.failWith(new DeviceNotConnectedException(S1));

        retrier.sendDue();

        assertThat(lastBatch()).containsExactly(FlowOperation.add(a));
        assertThat(counters.get("flows.retry.cancelled")).isEqualTo(2);
        advance(Duration.ofMinutes(2));
        assertThat(counters.get("flows.retry.sent")).isEqualTo(1);
    }

    @Test
    void timeoutsAndErrorsThatNameNoOperationAreRetriedDisconnectsAndRemovalsAreNot() {
        FlowRule a = rule(S1, 1);
        FlowRule b = rule(S1, 2);
        FlowRule c = rule(S1, 3);
        switches.answerWith((d, ops) -> CompletableFuture.failedFuture(new TimeoutException("no barrier reply")));
        retrier.apply(S1, List.of(FlowOperation.add(a), FlowOperation.modify(b), FlowOperation.remove(c)));
        assertThat(counters.get("flows.retry.scheduled")).isEqualTo(2);

        switches.failWith(new FlowOperationException(S1, List.of("BAD_REQUEST")));
        retrier.apply(S1, List.of(FlowOperation.add(c), FlowOperation.remove(a)));
        assertThat(counters.get("flows.retry.scheduled")).as("c; a was removed").isEqualTo(3);
        assertThat(counters.get("flows.retry.cancelled")).isEqualTo(1);

        FlowRule d = rule(S2, 4);
        switches.failWith(new DeviceNotConnectedException(S2));
        retrier.apply(S2, List.of(FlowOperation.add(d)));
        assertThat(counters.get("flows.retry.scheduled")).isEqualTo(3);
        assertThat(entry(d).nextRetry()).isEmpty();
    }

    @Test
    void noRetriesWithMaxAttemptsZero() {
        FlowRule a = refusedThrough(new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(60), 0));

        advance(Duration.ofMinutes(1));

        assertThat(switches.batches()).hasSize(1);
        assertThat(entry(a).nextRetry()).isEmpty();
        assertThat(counters.get("flows.retry.scheduled")).isZero();
    }

    @Test
    void theAppsSendingAGivenUpRuleAgainStartsAfresh() {
        FlowRule a = refusedThrough(new FlowRetryConfig(Duration.ofSeconds(1), Duration.ofSeconds(60), 1));
        advance(Duration.ofSeconds(1));
        assertThat(entry(a).gaveUp()).isTrue();

        retrier.apply(S1, List.of(FlowOperation.add(a)));

        assertThat(entry(a)).satisfies(e -> {
            assertThat(e.gaveUp()).isFalse();
            assertThat(e.attempts()).isZero();
            assertThat(e.nextRetry()).contains(clock.instant().plusSeconds(1));
        });
        assertThat(counters.get("flows.retry.cancelled")).as("a given-up rule has nothing to cancel").isZero();
    }
}

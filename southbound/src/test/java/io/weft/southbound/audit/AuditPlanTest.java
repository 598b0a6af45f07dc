package io.weft.southbound.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.onlab.packet.MacAddress;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class AuditPlanTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final AppId CORE = AppId.CORE;
    private static final AppId LEARNING = new AppId(1, "learning");
    private static final AppId SELF_AUDITED = new AppId(4, "vnet");
    private static final Predicate<FlowRule> NOT_SELF_AUDITED = rule -> Cookies.appId(rule.cookie()) != 4;

    private static FlowRule rule(AppId app, int priority, long dst, long out, int idle) {
        return rule(Cookies.cookie(app, 0), priority, dst, out, idle);
    }

    private static FlowRule rule(long cookie, int priority, long dst, long out, int idle) {
        return new FlowRule(S1, 0, priority, TrafficMatch.ANY.withEthDst(MacAddress.valueOf(dst)),
                List.of(Action.output(PortNumber.portNumber(out))), cookie, idle, 0);
    }

    private static FlowEntry installed(FlowRule rule) {
        return new FlowEntry(rule, FlowEntry.State.INSTALLED, Optional.empty());
    }

    private static AuditPlan plan(List<FlowEntry> believed, List<FlowRule> held, ForeignRules foreign) {
        return AuditPlan.of(S1, believed, believed, held, NOT_SELF_AUDITED, foreign);
    }

    @Test
    void aSwitchHoldingExactlyWhatWeftBelievesNeedsNothing() {
        FlowRule miss = rule(CORE, 0, 1, 0xfffffffdL, 0);
        FlowRule path = rule(new AppId(3, "forwarding"), 10, 2, 2, 30);

        AuditPlan plan = plan(List.of(installed(miss), installed(path)), List.of(miss, path), ForeignRules.KEEP);

        assertThat(plan.operations()).isEmpty();
        assertThat(plan.forgotten()).isEmpty();
        assertThat(plan.repaired()).isZero();
    }

    @Test
    void aMissingRuleIsAddedButAMissingTimedOneIsForgottenNotRestartedWithFreshTimers() {
        FlowRule punt = rule(new AppId(2, "discovery"), 65000, 1, 0xfffffffdL, 0);
        FlowRule path = rule(new AppId(3, "forwarding"), 10, 2, 2, 30);

        AuditPlan plan = plan(List.of(installed(punt), installed(path)), List.of(), ForeignRules.KEEP);

        assertThat(plan.operations()).containsExactly(FlowOperation.add(punt));
        assertThat(plan.forgotten()).containsExactly(path);
        assertThat(plan.missing()).isEqualTo(1);
        assertThat(plan.expired()).isEqualTo(1);
        assertThat(plan.repaired()).isEqualTo(1);
    }

    @Test
    void anUnknownWeftRuleIsRemovedButAnUntrackedTimedOneIsLeftToExpire() {
        FlowRule stale = rule(CORE, 5, 1, 1, 0);
        FlowRule reactive = rule(LEARNING, 10, 2, 2, 30);

        AuditPlan plan = plan(List.of(), List.of(stale, reactive), ForeignRules.KEEP);

        assertThat(plan.operations()).containsExactly(FlowOperation.remove(stale));
        assertThat(plan.unexpected()).isEqualTo(1);
        assertThat(plan.leftToExpire()).isEqualTo(1);
    }

    @Test
    void rulesOfOtherOwnersAreKeptUnlessConfigSaysRemove() {
        FlowRule operators = rule(0x1234L, 100, 1, 1, 0);

        AuditPlan kept = plan(List.of(), List.of(operators), ForeignRules.KEEP);
        AuditPlan removed = plan(List.of(), List.of(operators), ForeignRules.REMOVE);

        assertThat(kept.operations()).isEmpty();
        assertThat(kept.foreignKept()).isEqualTo(1);
        assertThat(removed.operations()).containsExactly(FlowOperation.remove(operators));
        assertThat(removed.foreignRemoved()).isEqualTo(1);
        assertThat(removed.repaired()).isEqualTo(1);
    }

    @Test
    void rulesOfAnAppThatAuditsItselfAreNotJudged() {
        FlowRule believedButGone = rule(SELF_AUDITED, 100, 1, 1, 0);
        FlowRule heldButUnknown = rule(SELF_AUDITED, 100, 2, 2, 0);

        AuditPlan plan = plan(List.of(installed(believedButGone)), List.of(heldButUnknown), ForeignRules.REMOVE);

        assertThat(plan.operations()).isEmpty();
        assertThat(plan.repaired()).isZero();
    }

    @Test
    void aRuleChangedByHandIsReplacedByOneAddNotRemovedAfterIt() {
        FlowRule wanted = rule(CORE, 5, 1, 1, 0);
        FlowRule edited = rule(CORE, 5, 1, 7, 0);

        AuditPlan plan = plan(List.of(installed(wanted)), List.of(edited), ForeignRules.REMOVE);

        assertThat(plan.operations()).containsExactly(FlowOperation.add(wanted));
        assertThat(plan.missing()).isEqualTo(1);
    }

    @Test
    void whatChangedWhileTheReadWasInFlightIsNotJudged() {
        FlowRule sentDuringRead = rule(CORE, 5, 1, 1, 0);
        FlowRule removedDuringRead = rule(CORE, 6, 2, 2, 0);
        FlowRule oldVersionOfAPendingRule = rule(CORE, 7, 3, 3, 0);
        FlowRule pending = rule(CORE, 7, 3, 4, 0);
        FlowRule failed = rule(CORE, 8, 4, 4, 0);
        FlowEntry waitingForRetry = new FlowEntry(failed, FlowEntry.State.FAILED, Optional.of("TABLE_FULL"))
                .retrying(1, Optional.of(Instant.parse("2026-11-25T10:00:01Z")));
        List<FlowEntry> before = List.of(installed(removedDuringRead), waitingForRetry);
        List<FlowEntry> after = List.of(installed(sentDuringRead), new FlowEntry(pending, FlowEntry.State.PENDING,
                Optional.empty()), waitingForRetry);

        AuditPlan plan = AuditPlan.of(S1, before, after, List.of(removedDuringRead, oldVersionOfAPendingRule),
                NOT_SELF_AUDITED, ForeignRules.REMOVE);

        assertThat(plan.operations()).isEmpty();
        assertThat(plan.forgotten()).isEmpty();
        assertThat(plan.repaired()).isZero();
    }

    @Test
    void aRuleRemovedWhileTheReadWasInFlightIsNotPutBack() {
        FlowRule removedByItsApp = rule(CORE, 5, 1, 1, 0);

        AuditPlan plan = AuditPlan.of(S1, List.of(installed(removedByItsApp)), List.of(), List.of(),
                NOT_SELF_AUDITED, ForeignRules.KEEP);

        assertThat(plan.operations()).isEmpty();
        assertThat(plan.missing()).isZero();
    }

    @Test
    void aFailedRuleNobodyRetriesIsPutBackButOneWaitingForARetryOrGivenUpIsNot() {
        FlowRule lostWithItsSwitch = rule(CORE, 5, 1, 1, 0);
        FlowRule retrying = rule(CORE, 6, 2, 2, 0);
        FlowRule givenUp = rule(CORE, 7, 3, 3, 0);
        List<FlowEntry> believed = List.of(
                new FlowEntry(lostWithItsSwitch, FlowEntry.State.FAILED, Optional.of("not connected")),
                new FlowEntry(retrying, FlowEntry.State.FAILED, Optional.of("TABLE_FULL"))
                        .retrying(1, Optional.of(Instant.parse("2026-11-25T10:00:00Z"))),
                new FlowEntry(givenUp, FlowEntry.State.FAILED, Optional.of("BAD_MATCH")).givenUp(6, "BAD_MATCH"));

        AuditPlan plan = plan(believed, List.of(), ForeignRules.KEEP);

        assertThat(plan.operations()).containsExactly(FlowOperation.add(lostWithItsSwitch));
        assertThat(plan.missing()).isEqualTo(1);
    }

    @Test
    void aForeignRuleInASlotWeftWritesIsLeftToTheAdd() {
        FlowRule wanted = rule(CORE, 5, 1, 1, 0);
        FlowRule foreignInItsSlot = rule(0x99L, 5, 1, 9, 0);

        AuditPlan plan = plan(List.of(installed(wanted)), List.of(foreignInItsSlot), ForeignRules.REMOVE);

        assertThat(plan.operations()).containsExactly(FlowOperation.add(wanted));
        assertThat(plan.foreignRemoved()).isZero();
    }
}

package io.weft.southbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class FlowTableTest {
    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    private static final AppId APP = new AppId(3, "forwarding");

    private final FlowTable table = new FlowTable();

    private static FlowRule rule(DeviceId device, int priority, long dst, long out) {
        return new FlowRule(device, 0, priority, TrafficMatch.ANY.withEthDst(MacAddress.valueOf(dst)),
                List.of(Action.output(PortNumber.portNumber(out))), Cookies.cookie(APP, 0), 30, 0);
    }

    @Test
    void aRuleIsPendingUntilConfirmedThenInstalled() {
        FlowOperation add = FlowOperation.add(rule(S1, 10, 1, 2));

        table.sent(add);
        assertThat(table.entries(S1)).extracting(FlowEntry::state).containsExactly(FlowEntry.State.PENDING);

        table.confirmed(add);
        assertThat(table.entries(S1)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.INSTALLED);
            assertThat(e.appId()).isEqualTo(3);
            assertThat(e.error()).isEmpty();
        });
        assertThat(table.entries(S2)).isEmpty();
    }

    @Test
    void aRefusedRuleIsFailedWithTheSwitchesReason() {
        FlowOperation add = FlowOperation.add(rule(S1, 10, 1, 2));
        table.sent(add);

        table.failed(add, "OFPET_FLOW_MOD_FAILED/TABLE_FULL");

        assertThat(table.entries(S1)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(FlowEntry.State.FAILED);
            assertThat(e.error()).contains("OFPET_FLOW_MOD_FAILED/TABLE_FULL");
        });
    }

    @Test
    void aLaterRuleInTheSameSlotReplacesTheEarlierAndALateConfirmationDoesNotResurrectIt() {
        FlowOperation first = FlowOperation.add(rule(S1, 10, 1, 2));
        FlowOperation second = FlowOperation.add(rule(S1, 10, 1, 3));
        table.sent(first);
        table.sent(second);

        table.confirmed(first);

        assertThat(table.entries(S1)).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(second.rule());
            assertThat(e.state()).isEqualTo(FlowEntry.State.PENDING);
        });
    }

    @Test
    void removalsAndSwitchTimeoutsTakeRulesAway() {
        FlowRule a = rule(S1, 10, 1, 2);
        FlowRule b = rule(S1, 20, 2, 3);
        List.of(a, b).forEach(r -> {
            table.sent(FlowOperation.add(r));
            table.confirmed(FlowOperation.add(r));
        });

        table.confirmed(FlowOperation.remove(a));
        table.removed(removal(b));

        assertThat(table.entries(S1)).isEmpty();
    }

    @Test
    void aRemovalTheSwitchReportsTakesTheRuleOfItsCookieFromWhicheverTableAndNoOther() {
        FlowRule inTable0 = rule(S1, 10, 1, 2);
        FlowRule inTable1 = new FlowRule(S1, 1, 10, inTable0.match(), inTable0.actions(), inTable0.cookie(), 30, 0);
        FlowRule otherOwner = new FlowRule(S1, 2, 10, inTable0.match(), inTable0.actions(), 0x1234L, 30, 0);
        FlowRule otherSwitch = rule(S2, 10, 1, 2);
        List.of(inTable0, inTable1, otherOwner, otherSwitch).forEach(r -> table.sent(FlowOperation.add(r)));

        table.removed(removal(inTable0));

        assertThat(table.entries(S1)).extracting(FlowEntry::rule).containsExactly(otherOwner);
        assertThat(table.entries(S2)).extracting(FlowEntry::rule).containsExactly(otherSwitch);
    }

    @Test
    void rulesOfOneSlotInSeveralTablesAreConfirmedAndRemovedApart() {
        FlowRule inTable0 = rule(S1, 10, 1, 2);
        FlowRule inTable1 = new FlowRule(S1, 1, 10, inTable0.match(), inTable0.actions(), inTable0.cookie(), 30, 0);
        table.sent(FlowOperation.add(inTable0));
        table.sent(FlowOperation.add(inTable1));

        table.confirmed(FlowOperation.add(inTable1));
        table.confirmed(FlowOperation.remove(inTable0));

        assertThat(table.entries(S1)).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(inTable1);
            assertThat(e.state()).isEqualTo(FlowEntry.State.INSTALLED);
        });
    }

    @Test
    void aRuleDeletedBySomeoneElseOrEvictedStaysWantedButATimeoutEndsIt() {
        FlowRule deleted = rule(S1, 10, 1, 2);
        FlowRule evicted = rule(S1, 20, 2, 3);
        FlowRule hardTimedOut = rule(S1, 30, 3, 4);
        List.of(deleted, evicted, hardTimedOut).forEach(r -> {
            table.sent(FlowOperation.add(r));
            table.confirmed(FlowOperation.add(r));
        });

        table.removed(removal(deleted, FlowRemovedEvent.Reason.DELETED));
        table.removed(removal(evicted, FlowRemovedEvent.Reason.OTHER));
        table.removed(removal(hardTimedOut, FlowRemovedEvent.Reason.HARD_TIMEOUT));

        assertThat(table.entries(S1)).extracting(FlowEntry::rule).containsExactlyInAnyOrder(deleted, evicted);
    }

    @Test
    void aForgottenRuleGoesButOneThatTookItsPlaceOrWasSentAgainStays() {
        FlowRule gone = rule(S1, 10, 1, 2);
        FlowRule replaced = rule(S1, 20, 2, 3);
        FlowRule replacement = rule(S1, 20, 2, 4);
        FlowRule sentAgain = rule(S1, 30, 3, 4);
        List.of(gone, replaced, replacement, sentAgain).forEach(r -> {
            table.sent(FlowOperation.add(r));
            table.confirmed(FlowOperation.add(r));
        });
        table.sent(FlowOperation.add(sentAgain));

        table.forget(gone);
        table.forget(replaced);
        table.forget(sentAgain);
        table.forget(rule(S2, 10, 1, 2));

        assertThat(table.entries(S1)).extracting(FlowEntry::rule).containsExactly(sentAgain, replacement);
    }

    @Test
    void aRemovalTakesOnlyTheRuleItRemovedNotOneSentToItsSlotSince() {
        FlowRule old = rule(S1, 10, 1, 2);
        FlowRule newer = rule(S1, 10, 1, 3);
        table.sent(FlowOperation.add(old));
        table.confirmed(FlowOperation.add(old));
        table.sent(FlowOperation.add(newer));

        table.confirmed(FlowOperation.remove(old));

        assertThat(table.entries(S1)).extracting(FlowEntry::rule).containsExactly(newer);
    }

    @Test
    void aRuleWhoseRemovalFailedIsNoLongerWanted() {
        FlowRule unwanted = rule(S1, 10, 1, 2);
        table.sent(FlowOperation.add(unwanted));
        table.confirmed(FlowOperation.add(unwanted));

        table.sent(FlowOperation.remove(unwanted));
        table.failed(FlowOperation.remove(unwanted), "barrier timed out");

        assertThat(table.entries(S1)).isEmpty();
    }

    private static FlowRemovedEvent removal(FlowRule rule) {
        return removal(rule, FlowRemovedEvent.Reason.IDLE_TIMEOUT);
    }

    private static FlowRemovedEvent removal(FlowRule rule, FlowRemovedEvent.Reason reason) {
        return new FlowRemovedEvent(rule.device(), rule.cookie(), rule.priority(), rule.match(), reason, 0, 0);
    }


    @Test
    void entriesAreOrderedByTableThenHighestPriority() {
        List.of(rule(S1, 5, 1, 1), rule(S1, 40000, 2, 2), rule(S1, 10, 3, 3))
                .forEach(r -> table.sent(FlowOperation.add(r)));

        assertThat(table.entries(S1)).extracting(e -> e.rule().priority()).containsExactly(40000, 10, 5);
        assertThat(new FlowEntry(new FlowRule(S1, 0, 1, TrafficMatch.ANY, List.of(), 0x1234L, 0, 0),
                FlowEntry.State.INSTALLED, Optional.empty()).appId()).as("not a Weft cookie").isEqualTo(-1);
    }
}

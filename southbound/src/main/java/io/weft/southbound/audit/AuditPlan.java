package io.weft.southbound.audit;

import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowDiff;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowSlot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.onosproject.net.DeviceId;

/**
 * What one audit of one device does, decided from what Weft believed just before and just after
 * the switch's rules were read, and what the switch held: a pure function.
 *
 * <ul>
 * <li>A rule Weft wanted both before and after the read, and that the switch lacks, is added
 *     again ({@code missing}); unless it has a timeout: then its timer ran out while nobody was
 *     told (a switch reports expiries only while connected), and it is forgotten
 *     ({@code expired}), not put back with fresh timers. Wanted: installed, or failed with no
 *     retry waiting that was not given up (its batch failed as the switch went away).</li>
 * <li>A rule the switch holds with Weft's cookie that Weft neither believes nor is sending is
 *     removed ({@code unexpected}); unless it has a timeout: rules answering packet-ins are not
 *     tracked, and end on their own ({@code leftToExpire}).</li>
 * <li>A rule of another owner is kept or removed as {@link ForeignRules} says.</li>
 * <li>Nothing in a slot Weft is writing or believes it holds is removed: the add replaces it,
 *     and a strict delete sent after the add would remove the new rule.</li>
 * <li>Rules that {@code inScope} rejects (another app audits its own) are not judged at all;
 *     rules pending, waiting for a retry or given up are left to their batch, their retry or
 *     an operator.</li>
 * </ul>
 */
record AuditPlan(List<FlowOperation> operations, List<FlowRule> forgotten, int missing, int unexpected,
                 int expired, int leftToExpire, int foreignKept, int foreignRemoved) {
    AuditPlan {
        operations = List.copyOf(operations);
        forgotten = List.copyOf(forgotten);
    }

    /** How many rules the audit changes on the switch. */
    int repaired() {
        return missing + unexpected + foreignRemoved;
    }

    static AuditPlan of(DeviceId device, List<FlowEntry> before, List<FlowEntry> after, List<FlowRule> held,
                        Predicate<FlowRule> inScope, ForeignRules foreign) {
        Set<FlowRule> found = Set.copyOf(held);
        Set<FlowRule> known = new HashSet<>();
        Set<FlowSlot> knownSlots = new HashSet<>();
        for (FlowEntry entry : concat(before, after)) {
            known.add(entry.rule());
            knownSlots.add(FlowSlot.of(entry.rule()));
        }
        Set<FlowRule> wantedAfter = wanted(after);
        Set<FlowRule> have = new LinkedHashSet<>();
        Set<FlowRule> want = new LinkedHashSet<>();
        List<FlowRule> forgotten = new ArrayList<>();
        int missing = 0;
        int expired = 0;
        for (FlowRule rule : wanted(before)) {
            if (!wantedAfter.contains(rule) || !inScope.test(rule)) {
                continue;
            }
            if (found.contains(rule)) {
                have.add(rule);
                want.add(rule);
            } else if (timed(rule)) {
                forgotten.add(rule);
                expired++;
            } else {
                want.add(rule);
                missing++;
            }
        }
        int unexpected = 0;
        int leftToExpire = 0;
        int foreignKept = 0;
        int foreignRemoved = 0;
        for (FlowRule rule : held) {
            if (known.contains(rule)) {
                continue;
            }
            if (!Cookies.isWeft(rule.cookie())) {
                if (foreign == ForeignRules.REMOVE && !knownSlots.contains(FlowSlot.of(rule))) {
                    have.add(rule);
                    foreignRemoved++;
                } else {
                    foreignKept++;
                }
            } else if (!inScope.test(rule) || knownSlots.contains(FlowSlot.of(rule))) {
                continue;
            } else if (timed(rule)) {
                leftToExpire++;
            } else {
                have.add(rule);
                unexpected++;
            }
        }
        List<FlowOperation> operations = FlowDiff.diff(Map.of(device, have), Map.of(device, want))
                .getOrDefault(device, List.of());
        return new AuditPlan(operations, forgotten, missing, unexpected, expired, leftToExpire, foreignKept,
                foreignRemoved);
    }

    private static boolean timed(FlowRule rule) {
        return rule.idleTimeout() > 0 || rule.hardTimeout() > 0;
    }

    private static Set<FlowRule> wanted(List<FlowEntry> entries) {
        Set<FlowRule> rules = new LinkedHashSet<>();
        for (FlowEntry e : entries) {
            if (e.state() == FlowEntry.State.INSTALLED || e.state() == FlowEntry.State.FAILED
                    && e.nextRetry().isEmpty() && !e.gaveUp()) {
                rules.add(e.rule());
            }
        }
        return rules;
    }

    private static List<FlowEntry> concat(List<FlowEntry> a, List<FlowEntry> b) {
        List<FlowEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

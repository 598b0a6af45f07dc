package io.weft.southbound.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.onosproject.net.DeviceId;

/**
 * What takes devices from the rules they hold to the rules they should hold: only the rules
 * that differ, so recompiling after a change to one network or one link touches nothing else.
 */
public final class FlowDiff {
    private FlowDiff() {
    }

    /**
     * Per device, in device order: the desired rules not installed are added first, then the
     * installed ones not desired are removed, so traffic moves to new rules before the old go.
     * A rule whose slot a desired one takes is not removed: the add replaces it, and a remove
     * after the add would delete the new rule.
     */
    public static Map<DeviceId, List<FlowOperation>> diff(Map<DeviceId, Set<FlowRule>> installed,
                                                         Map<DeviceId, Set<FlowRule>> desired) {
        Set<DeviceId> devices = new TreeSet<>(Comparator.comparing(DeviceId::toString));
        devices.addAll(installed.keySet());
        devices.addAll(desired.keySet());
        Map<DeviceId, List<FlowOperation>> operations = new LinkedHashMap<>();
        for (DeviceId device : devices) {
            Set<FlowRule> have = installed.getOrDefault(device, Set.of());
            Set<FlowRule> want = desired.getOrDefault(device, Set.of());
            List<FlowOperation> ops = new ArrayList<>();
            Set<FlowSlot> replaced = new HashSet<>();
            for (FlowRule rule : want) {
                if (!have.contains(rule)) {
                    ops.add(FlowOperation.add(rule));
                    replaced.add(FlowSlot.of(rule));
                }
            }
            for (FlowRule rule : have) {
                if (!want.contains(rule) && !replaced.contains(FlowSlot.of(rule))) {
                    ops.add(FlowOperation.remove(rule));
                }
            }
            if (!ops.isEmpty()) {
                operations.put(device, List.copyOf(ops));
            }
        }
        return operations;
    }

    /**
     * The rules of {@code have} that {@code keep} accepts, plus those of {@code want} whose slot
     * none of them takes: what a device holds wins over what would replace it.
     */
    public static Set<FlowRule> withKept(Set<FlowRule> have, Set<FlowRule> want, Predicate<FlowRule> keep) {
        Set<FlowSlot> taken = new HashSet<>();
        Set<FlowRule> result = new LinkedHashSet<>();
        for (FlowRule rule : have) {
            if (keep.test(rule)) {
                result.add(rule);
                taken.add(FlowSlot.of(rule));
            }
        }
        for (FlowRule rule : want) {
            if (!taken.contains(FlowSlot.of(rule))) {
                result.add(rule);
            }
        }
        return result;
    }
}

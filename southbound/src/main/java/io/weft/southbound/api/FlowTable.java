package io.weft.southbound.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onosproject.net.DeviceId;

/**
 * What Weft believes is in each device's flow tables: rules it sent, with their state. A
 * rule is identified as OpenFlow identifies it, by table, priority and match; a later
 * rule with the same identity replaces it. Implementations of {@link FlowRuleService}
 * feed it; it knows no protocol.
 */
public final class FlowTable {
    private record Key(DeviceId device, int table, int priority, TrafficMatch match) {
        static Key of(FlowRule rule) {
            return new Key(rule.device(), rule.table(), rule.priority(), rule.match());
        }
    }

    private static final Comparator<FlowEntry> ORDER = Comparator.comparingInt((FlowEntry e) -> e.rule().table())
            .thenComparing(Comparator.comparingInt((FlowEntry e) -> e.rule().priority()).reversed())
            .thenComparing(e -> e.rule().match().toString());

    private final Map<Key, FlowEntry> entries = new ConcurrentHashMap<>();

    /** The operation was sent; an added or modified rule is pending until confirmed. */
    public void sent(FlowOperation operation) {
        if (operation.type() != FlowOperation.Type.REMOVE) {
            entries.put(Key.of(operation.rule()), new FlowEntry(operation.rule(), FlowEntry.State.PENDING,
                    Optional.empty()));
        }
    }

    /** The switch confirmed the operation: the rule is installed, or gone. */
    public void confirmed(FlowOperation operation) {
        Key key = Key.of(operation.rule());
        if (operation.type() == FlowOperation.Type.REMOVE) {
            entries.remove(key);
        } else {
            entries.computeIfPresent(key, (k, e) -> e.rule().equals(operation.rule())
                    ? new FlowEntry(e.rule(), FlowEntry.State.INSTALLED, Optional.empty()) : e);
        }
    }

    /** The operation failed: an added or modified rule is marked failed with the reason. */
    public void failed(FlowOperation operation, String reason) {
        if (operation.type() != FlowOperation.Type.REMOVE) {
            entries.computeIfPresent(Key.of(operation.rule()), (k, e) -> e.rule().equals(operation.rule())
                    ? new FlowEntry(e.rule(), FlowEntry.State.FAILED, Optional.of(reason)) : e);
        }
    }

    /** The switch said it removed a rule (timeout or delete); OpenFlow 1.0 names no table, so any table. */
    public void removed(DeviceId device, int priority, TrafficMatch match) {
        entries.keySet().removeIf(k -> k.device().equals(device) && k.priority() == priority
                && k.match().equals(match));
    }

    /** The rules of one device, by table, then priority (highest first). */
    public List<FlowEntry> entries(DeviceId device) {
        return entries.values().stream().filter(e -> e.rule().device().equals(device)).sorted(ORDER).toList();
    }
}

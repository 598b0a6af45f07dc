package io.weft.southbound.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.onosproject.net.DeviceId;

/**
 * What Weft believes is in each device's flow tables: rules it sent, with their state. A
 * rule is identified as OpenFlow identifies it, by table, priority and match; a later
 * rule with the same identity replaces it. Implementations of {@link FlowRuleService}
 * feed it; it knows no protocol.
 *
 * <p>Kept per device and per priority and match, so that a removal the switch reports
 * (which names no table on OpenFlow 1.0) is one lookup, not a scan of every rule.
 */
public final class FlowTable {
    /** A rule's identity within one table. */
    private record Slot(int priority, TrafficMatch match) {
        static Slot of(FlowRule rule) {
            return new Slot(rule.priority(), rule.match());
        }
    }

    private static final Comparator<FlowEntry> ORDER = Comparator.comparingInt((FlowEntry e) -> e.rule().table())
            .thenComparing(Comparator.comparingInt((FlowEntry e) -> e.rule().priority()).reversed())
            .thenComparing(e -> e.rule().match().toString());

    /** Per device, per slot: its entries, one per table, in lists never changed once made. */
    private final Map<DeviceId, Map<Slot, List<FlowEntry>>> devices = new ConcurrentHashMap<>();

    /** The operation was sent; an added or modified rule is pending until confirmed. */
    public void sent(FlowOperation operation) {
        if (operation.type() != FlowOperation.Type.REMOVE) {
            FlowRule rule = operation.rule();
            update(rule, e -> new FlowEntry(rule, FlowEntry.State.PENDING, Optional.empty()));
        }
    }

    /** The switch confirmed the operation: the rule is installed, or gone. */
    public void confirmed(FlowOperation operation) {
        FlowRule rule = operation.rule();
        if (operation.type() == FlowOperation.Type.REMOVE) {
            update(rule, e -> null);
        } else {
            update(rule, e -> e != null && e.rule().equals(rule)
                    ? new FlowEntry(e.rule(), FlowEntry.State.INSTALLED, Optional.empty()) : e);
        }
    }

    /** The operation failed: an added or modified rule is marked failed with the reason. */
    public void failed(FlowOperation operation, String reason) {
        FlowRule rule = operation.rule();
        if (operation.type() != FlowOperation.Type.REMOVE) {
            update(rule, e -> e != null && e.rule().equals(rule)
                    ? new FlowEntry(e.rule(), FlowEntry.State.FAILED, Optional.of(reason)) : e);
        }
    }

    /**
     * The switch said it removed a rule (timeout or delete): the rules of that priority and
     * match and cookie go, in any table, as OpenFlow 1.0 names none. A rule of another cookie in
     * the slot is a later one that replaced the removed one, and stays.
     */
    public void removed(FlowRemovedEvent event) {
        Map<Slot, List<FlowEntry>> slots = devices.get(event.device());
        if (slots != null) {
            slots.computeIfPresent(new Slot(event.priority(), event.match()), (slot, entries) -> {
                List<FlowEntry> kept = entries.stream().filter(e -> e.rule().cookie() != event.cookie()).toList();
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    /** The rules of one device, by table, then priority (highest first). */
    public List<FlowEntry> entries(DeviceId device) {
        Map<Slot, List<FlowEntry>> slots = devices.get(device);
        return slots == null ? List.of()
                : slots.values().stream().flatMap(List::stream).sorted(ORDER).toList();
    }

    /**
     * Replaces the entry of {@code rule}'s table in its slot (null when there is none) with
     * what {@code change} makes of it (null: no entry).
     */
    private void update(FlowRule rule, UnaryOperator<FlowEntry> change) {
        Map<Slot, List<FlowEntry>> slots = devices.computeIfAbsent(rule.device(), d -> new ConcurrentHashMap<>());
        slots.compute(Slot.of(rule), (slot, entries) -> {
            List<FlowEntry> result = new ArrayList<>(2);
            FlowEntry current = null;
            for (FlowEntry entry : entries == null ? List.<FlowEntry>of() : entries) {
                if (entry.rule().table() == rule.table()) {
                    current = entry;
                } else {
                    result.add(entry);
                }
            }
            FlowEntry changed = change.apply(current);
            if (changed != null) {
                result.add(changed);
            }
            return result.isEmpty() ? null : List.copyOf(result);
        });
    }
}

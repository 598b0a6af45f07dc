package io.weft.southbound.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.onosproject.net.DeviceId;

/**
 * What Weft believes is in each device's flow tables: rules it sent, with their state. A
 * rule is identified as OpenFlow identifies it, by table, priority and match; a later
 * rule with the same identity replaces it. Implementations of {@link FlowRuleService}
 * feed it; it knows no protocol.
 *
 * <p>Kept per device, with the tables each device's rules are in, so that a removal the
 * switch reports (which names no table on OpenFlow 1.0) is a lookup per table in use, not
 * a scan of every rule.
 */
public final class FlowTable {
    /** One device's rules, and every table that ever held one of them. */
    private record DeviceTable(Map<FlowSlot, FlowEntry> entries, Set<Integer> tables) {
        DeviceTable() {
            this(new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
        }
    }

    private static final Comparator<FlowEntry> ORDER = Comparator.comparingInt((FlowEntry e) -> e.rule().table())
            .thenComparing(Comparator.comparingInt((FlowEntry e) -> e.rule().priority()).reversed())
            .thenComparing(e -> e.rule().match().toString());

    private final Map<DeviceId, DeviceTable> devices = new ConcurrentHashMap<>();

    /** The operation was sent; an added or modified rule is pending until confirmed. */
    public void sent(FlowOperation operation) {
        if (operation.type() != FlowOperation.Type.REMOVE) {
            FlowRule rule = operation.rule();
            DeviceTable device = devices.computeIfAbsent(rule.device(), d -> new DeviceTable());
            device.tables().add(rule.table());
            device.entries().put(FlowSlot.of(rule), new FlowEntry(rule, FlowEntry.State.PENDING, Optional.empty()));
        }
    }

    /**
     * The switch confirmed the operation: the rule is installed, or gone. A removal takes only
     * the rule it removed: a rule sent to the same slot after it stays.
     */
    public void confirmed(FlowOperation operation) {
        settle(operation, FlowEntry.State.INSTALLED, Optional.empty());
    }

    /**
     * The operation failed: an added or modified rule is marked failed with the reason. A rule
     * whose removal failed is no longer wanted all the same: it goes, so that if the switch
     * still holds it the audit finds it unknown and removes it, rather than putting it back.
     */
    public void failed(FlowOperation operation, String reason) {
        settle(operation, FlowEntry.State.FAILED, Optional.of(reason));
    }

    /** A removed rule goes; an added or modified one takes {@code state}; a different rule in its slot stays. */
    private void settle(FlowOperation operation, FlowEntry.State state, Optional<String> error) {
        FlowRule rule = operation.rule();
        DeviceTable device = devices.get(rule.device());
        if (device == null) {
            return;
        }
        boolean removal = operation.type() == FlowOperation.Type.REMOVE;
        device.entries().computeIfPresent(FlowSlot.of(rule), (k, e) -> !e.rule().equals(rule) ? e
                : removal ? null : new FlowEntry(e.rule(), state, error));
    }

    /**
     * The switch said its timer removed a rule: the rules of that priority, match and cookie go,
     * in any table, as OpenFlow 1.0 names none. A rule of another cookie with the same identity
     * is a later one that replaced the removed one, and stays.
     *
     * <p>A rule removed for any other reason stays: Weft's own removals leave when their barrier
     * confirms them, and a rule deleted by someone else or evicted is still wanted, for the
     * audit to put back.
     */
    public void removed(FlowRemovedEvent event) {
        DeviceTable device = devices.get(event.device());
        if (device == null || (event.reason() != FlowRemovedEvent.Reason.IDLE_TIMEOUT
                && event.reason() != FlowRemovedEvent.Reason.HARD_TIMEOUT)) {
            return;
        }
        for (int table : device.tables()) {
            device.entries().computeIfPresent(new FlowSlot(table, event.priority(), event.match()),
                    (k, e) -> e.rule().cookie() == event.cookie() ? null : e);
        }
    }

    /**
     * The switch was found without {@code rule}: it goes, unless another rule took its place
     * meanwhile or it was sent again (pending).
     */
    public void forget(FlowRule rule) {
        DeviceTable device = devices.get(rule.device());
        if (device != null) {
            device.entries().computeIfPresent(FlowSlot.of(rule), (k, e) -> e.rule().equals(rule)
                    && e.state() != FlowEntry.State.PENDING ? null : e);
        }
    }

    /** The entry in the place {@code rule} would take (same table, priority and match), whichever rule holds it. */
    public Optional<FlowEntry> entry(FlowRule rule) {
        DeviceTable table = devices.get(rule.device());
        return table == null ? Optional.empty() : Optional.ofNullable(table.entries().get(FlowSlot.of(rule)));
    }

    /** The rules of one device, by table, then priority (highest first). */
    public List<FlowEntry> entries(DeviceId device) {
        DeviceTable table = devices.get(device);
        return table == null ? List.of() : table.entries().values().stream().sorted(ORDER).toList();
    }
}

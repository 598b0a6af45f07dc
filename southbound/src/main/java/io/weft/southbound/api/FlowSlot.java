package io.weft.southbound.api;

/**
 * What OpenFlow treats as one entry of a device's tables: a rule added to a slot replaces the one
 * there, and a strict delete removes whatever holds it, whatever its actions.
 */
public record FlowSlot(int table, int priority, TrafficMatch match) {
    public static FlowSlot of(FlowRule rule) {
        return new FlowSlot(rule.table(), rule.priority(), rule.match());
    }
}

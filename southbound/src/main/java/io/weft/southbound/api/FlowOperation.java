package io.weft.southbound.api;

import java.util.Objects;

/** One change to a device's flow table. */
public record FlowOperation(Type type, FlowRule rule) {
    public enum Type { ADD, MODIFY, REMOVE }

    public FlowOperation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
    }

    public static FlowOperation add(FlowRule rule) {
        return new FlowOperation(Type.ADD, rule);
    }

    public static FlowOperation modify(FlowRule rule) {
        return new FlowOperation(Type.MODIFY, rule);
    }

    public static FlowOperation remove(FlowRule rule) {
        return new FlowOperation(Type.REMOVE, rule);
    }
}

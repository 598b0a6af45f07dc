package io.weft.lab;

/**
 * One lab case as data: a Mininet topology (as {@code mn --topo} spells it), the one
 * OpenFlow version every switch speaks, and the reachability expected between hosts.
 */
public record Scenario(String topology, OpenFlowVersion protocol, Reachability expected) {

    public static Scenario scenario(String topology, OpenFlowVersion protocol, Reachability expected) {
        return new Scenario(topology, protocol, expected);
    }

    @Override
    public String toString() {
        return topology + " over " + protocol + ", expecting " + expected;
    }
}

package io.weft.apps.forwarding;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.path.Path;
import java.util.ArrayList;
import java.util.List;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * The flow rules that carry one host's frames to another along a path: on every device of
 * the path, frames from {@code src} to {@code dst} that come in where the path enters go out
 * where it leaves. A pure function, so its decisions are tested without a network.
 */
final class PathRules {
    private PathRules() {
    }

    /**
     * @param srcEdge where the source host attaches; the path must start at its device
     * @param dstEdge where the destination host attaches; the path must end at its device
     * @param vlan    the hosts' VLAN, {@link VlanId#NONE} when untagged
     */
    static List<FlowRule> rules(Path path, ConnectPoint srcEdge, ConnectPoint dstEdge, VlanId vlan, MacAddress src,
                                MacAddress dst, int priority, long cookie, int idleTimeout) {
        if (!path.src().equals(srcEdge.device()) || !path.dst().equals(dstEdge.device())) {
            throw new IllegalArgumentException("path " + path + " does not join " + srcEdge + " to " + dstEdge);
        }
        List<FlowRule> rules = new ArrayList<>();
        PortNumber in = srcEdge.port();
        for (Link link : path.links()) {
            rules.add(rule(link.src(), in, vlan, src, dst, priority, cookie, idleTimeout));
            in = link.dst().port();
        }
        rules.add(rule(dstEdge, in, vlan, src, dst, priority, cookie, idleTimeout));
        return rules;
    }

    /** The port a frame leaves the first device by: the path's first link, or the destination's port. */
    static PortNumber firstHop(Path path, ConnectPoint dstEdge) {
        return path.links().isEmpty() ? dstEdge.port() : path.links().get(0).src().port();
    }

    private static FlowRule rule(ConnectPoint out, PortNumber in, VlanId vlan, MacAddress src, MacAddress dst,
                                 int priority, long cookie, int idleTimeout) {
        // The VLAN is always matched, untagged included: tenants' tagged traffic crosses the same
        // fabric ports and may reuse these very MACs, and must never match a default-forwarding rule.
        return new FlowRule(out.device(), 0, priority,
                TrafficMatch.ANY.withInPort(in).withVlan(vlan).withEthSrc(src).withEthDst(dst),
                List.of(Action.output(out.port())), cookie, idleTimeout, 0);
    }
}

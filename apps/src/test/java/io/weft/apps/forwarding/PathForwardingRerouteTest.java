package io.weft.apps.forwarding;

import static io.weft.apps.fabric.Fabric.point;
import static io.weft.apps.fabric.Frames.mac;
import static io.weft.apps.fabric.Frames.unicast;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.apps.fabric.Frames;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.topology.host.HostKey;
import io.weft.topology.link.ConnectPoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;

/**
 * A re-route on a line of five switches with one bypass, s3 - s6 - s4: cutting s3-s4 leaves one
 * way around, which shares s1, s2 and s5 with the old path. Ports: 1 host, 2 east, 3 west,
 * 4 the bypass.
 */
class PathForwardingRerouteTest {
    private final Fabric fabric = new Fabric();
    private final PathForwarding forwarding = new PathForwarding(ForwardingConfig.DEFAULTS, fabric.topology,
            fabric.hosts, fabric, fabric, fabric.counters);

    @BeforeEach
    void lineWithABypass() {
        for (int s = 1; s <= 5; s++) {
            fabric.addSwitch(s, 4);
        }
        fabric.addSwitch(6, 3);
        for (int s = 1; s < 5; s++) {
            fabric.cable(point(s, 2), point(s + 1, 3));
        }
        fabric.cable(point(3, 4), point(6, 2));
        fabric.cable(point(6, 3), point(4, 4));
        fabric.addProcessor(100, context -> {
            ConnectPoint at = new ConnectPoint(context.packet().device(), context.packet().inPort());
            MacAddress src = context.packet().parsed().getSourceMAC();
            if (fabric.topology.isEdge(at) && !src.isMulticast()) {
                fabric.hosts.hostSeen(HostKey.untagged(src), at, Optional.empty());
            }
        });
        fabric.addProcessor(1000, forwarding);
        fabric.topology.addListener(forwarding::onTopologyEvent);
        fabric.hosts.addListener(forwarding::onHostEvent);
        fabric.settle();
    }

    @Test
    void aRerouteSendsOnlyTheRulesThatChangedAndRemovesTheOnesOffThePath() {
        fabric.send(point(5, 1), Frames.arpRequest(5, 99));
        fabric.send(point(1, 1), unicast(1, 5));
        assertThat(fabric.trace(point(1, 1), mac(1), mac(5)).crossed()).hasSize(4);
        List<FlowRule> before = fabric.tables.values().stream().flatMap(List::stream).toList();
        assertThat(before).hasSize(10);
        fabric.applied.clear();

        fabric.portDown(point(3, 2));

        Fabric.Trace there = fabric.trace(point(1, 1), mac(1), mac(5));
        Fabric.Trace back = fabric.trace(point(5, 1), mac(5), mac(1));
        assertThat(there.exit()).contains(point(5, 1));
        assertThat(back.exit()).contains(point(1, 1));
        assertThat(there.crossed()).hasSize(5).noneMatch(l -> l.touches(point(3, 2)));
        assertThat(fabric.tables.values().stream().flatMap(List::stream))
                .noneMatch(r -> uses(r, point(3, 2)) || uses(r, point(4, 3)));
        List<FlowRule> added = fabric.applied.stream().filter(op -> op.type() == FlowOperation.Type.ADD)
                .map(FlowOperation::rule).toList();
        assertThat(added).as("s1, s2 and s5 already hold their rules, both ways").noneMatch(before::contains)
                .extracting(FlowRule::device)
                .containsOnly(Fabric.device(3), Fabric.device(6), Fabric.device(4));
        assertThat(added).hasSize(6);
        assertThat(fabric.applied.stream().filter(op -> op.type() == FlowOperation.Type.REMOVE))
                .as("the rule whose input was the cut port, each way").hasSize(2);
    }

    private static boolean uses(FlowRule rule, ConnectPoint point) {
        return rule.device().equals(point.device()) && (rule.match().inPort().equals(Optional.of(point.port()))
                || rule.actions().contains(Action.output(point.port())));
    }
}

package io.weft.apps.vnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.southbound.stats.FlowStats;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.Traffic;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/** Which of a network's rules count for an attachment, rule by rule. */
class EdgeTrafficTest {
    private static final long COOKIE = VnetCompiler.cookie(17);
    private static final VlanId TAG = VlanId.vlanId((short) 17);
    private static final VlanId V100 = VlanId.vlanId((short) 100);
    private static final VlanId V200 = VlanId.vlanId((short) 200);
    private static final TenantId BLUE = new TenantId("blue");
    /** Two attachments sharing s1/3 on VLANs 100 and 200, and the whole of s1/5. */
    private static final Attachment X = new Attachment("att-1", BLUE, Fabric.point(1, 3), Optional.of(V100));
    private static final Attachment Y = new Attachment("att-2", BLUE, Fabric.point(1, 3), Optional.of(V200));
    private static final Attachment Z = new Attachment("att-3", BLUE, Fabric.point(1, 5), Optional.empty());

    @Test
    void aCopyBackOutOfTheArrivalPortCountsForTheVlanItLeavesWith() {
        List<FlowStats> flows = List.of(flow(TrafficMatch.ANY.withInPort(port(3)).withVlan(V100),
                List.of(Action.setVlan(V200), Action.output(PortNumber.IN_PORT)), 10));

        assertThat(EdgeTraffic.sent(flows, COOKIE, X)).isEqualTo(new Traffic(10, 1000));
        assertThat(EdgeTraffic.received(flows, COOKIE, X)).isEqualTo(Traffic.ZERO);
        assertThat(EdgeTraffic.sent(flows, COOKIE, Y)).isEqualTo(Traffic.ZERO);
        assertThat(EdgeTraffic.received(flows, COOKIE, Y)).isEqualTo(new Traffic(10, 1000));
    }

    @Test
    void aWholePortTakesEveryFrameInAndOut() {
        List<FlowStats> flows = List.of(
                flow(TrafficMatch.ANY.withInPort(port(2)).withVlan(TAG), List.of(Action.popVlan(),
                        Action.output(port(5))), 4),
                flow(TrafficMatch.ANY.withInPort(port(5)), List.of(), 2),
                flow(TrafficMatch.ANY.withInPort(port(5)).withVlan(VlanId.NONE), List.of(Action.pushVlan(TAG),
                        Action.output(port(1))), 3));

        assertThat(EdgeTraffic.sent(flows, COOKIE, Z)).isEqualTo(new Traffic(5, 500));
        assertThat(EdgeTraffic.received(flows, COOKIE, Z)).isEqualTo(new Traffic(4, 400));
    }

    @Test
    void aRuleWithTwoCopiesForTheEdgeCountsOnceAndOtherOwnersNotAtAll() {
        FlowRule twice = new FlowRule(Fabric.device(1), 0, 1200, TrafficMatch.ANY.withInPort(port(2)).withVlan(TAG),
                List.of(Action.popVlan(), Action.output(port(5)), Action.output(port(5))), COOKIE, 0, 0);
        FlowRule foreign = new FlowRule(Fabric.device(1), 0, 1200, TrafficMatch.ANY.withInPort(port(5)),
                List.of(Action.output(port(5))), VnetCompiler.cookie(18), 0, 0);
        FlowRule elsewhere = new FlowRule(Fabric.device(2), 0, 1200, TrafficMatch.ANY.withInPort(port(5)),
                List.of(Action.output(port(5))), COOKIE, 0, 0);
        List<FlowStats> flows = List.of(stats(twice, 1), stats(foreign, 7), stats(elsewhere, 9));

        assertThat(EdgeTraffic.received(flows, COOKIE, Z)).isEqualTo(new Traffic(1, 100));
        assertThat(EdgeTraffic.sent(flows, COOKIE, Z)).isEqualTo(Traffic.ZERO);
    }

    private static PortNumber port(long number) {
        return PortNumber.portNumber(number);
    }

    private static FlowStats flow(TrafficMatch match, List<Action> actions, long packets) {
        return stats(new FlowRule(Fabric.device(1), 0, 1200, match, actions, COOKIE, 0, 0), packets);
    }

    /** {@code packets} of 100 bytes each. */
    private static FlowStats stats(FlowRule rule, long packets) {
        return new FlowStats(rule, packets, packets * 100, Duration.ofSeconds(1));
    }
}

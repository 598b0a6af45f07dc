package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Flow lines as Open vSwitch 3.1 ovs-ofctl prints them. */
class FlowEntryTest {

    @Test
    void readsALearnedWeftFlow() {
        FlowEntry flow = FlowEntry.parse("cookie=0x5701000000000000, duration=0.015s, table=0, n_packets=1,"
                + " n_bytes=98, idle_timeout=30, send_flow_rem priority=10,in_port=2,dl_src=00:00:00:00:00:02,"
                + "dl_dst=00:00:00:00:00:01 actions=output:1");

        assertThat(flow.cookie()).isEqualTo(0x5701000000000000L);
        assertThat(flow.priority()).isEqualTo(10);
        assertThat(flow.matchesAll()).isFalse();
        assertThat(flow.hasWeftCookie()).isTrue();
        assertThat(flow.isTableMiss()).isFalse();
        assertThat(flow.weftApp()).isEqualTo(1);
    }

    @Test
    void readsDiscoverysLldpPuntRule() {
        FlowEntry flow = FlowEntry.parse("cookie=0x5702000000000000, duration=1.987s, table=0, n_packets=4,"
                + " n_bytes=496, send_flow_rem priority=40000,dl_type=0x88cc actions=CONTROLLER:65535");

        assertThat(flow.weftApp()).isEqualTo(FlowEntry.DISCOVERY);
        assertThat(flow.priority()).isEqualTo(40000);
        assertThat(flow.matchesAll()).isFalse();
        assertThat(FlowEntry.parse("cookie=0x0, duration=1s, table=0, n_packets=0, n_bytes=0, priority=0"
                + " actions=drop").weftApp()).isEqualTo(-1);
    }

    @Test
    void recognisesATableMissEntryWithoutACookie() {
        FlowEntry flow = FlowEntry.parse(
                "cookie=0x0, duration=4.933s, table=0, n_packets=32, n_bytes=2652, priority=0 actions=CONTROLLER:128");

        assertThat(flow.isTableMiss()).isTrue();
        assertThat(flow.hasWeftCookie()).isFalse();
    }

    @Test
    void recognisesWeftsOwnTableMissEntry() {
        FlowEntry flow = FlowEntry.parse("cookie=0x5700000000000000, duration=4.854s, table=0, n_packets=18,"
                + " n_bytes=1500, priority=0 actions=CONTROLLER:65535");

        assertThat(flow.isTableMiss()).isTrue();
        assertThat(flow.hasWeftCookie()).isTrue();
    }

    @Test
    void aPriorityZeroFlowWithMatchFieldsIsNoTableMiss() {
        FlowEntry flow = FlowEntry.parse("cookie=0x0, duration=1s, table=0, n_packets=0, n_bytes=0,"
                + " priority=0,in_port=1 actions=drop");

        assertThat(flow.priority()).isZero();
        assertThat(flow.isTableMiss()).isFalse();
    }

    @Test
    void leftOutPriorityIsTheDefault() {
        FlowEntry matchAll = FlowEntry.parse("cookie=0x57, duration=1s, table=0, n_packets=0, n_bytes=0, actions=drop");
        FlowEntry matchPort = FlowEntry.parse("cookie=0x0, duration=1s, table=0, n_packets=0, n_bytes=0,"
                + " in_port=1 actions=set_field:5->ip_dscp,output:2");

        assertThat(matchAll.priority()).isEqualTo(32768);
        assertThat(matchAll.matchesAll()).isTrue();
        assertThat(matchAll.hasWeftCookie()).as("0x57 in the lowest byte is not the marker").isFalse();
        assertThat(matchPort.priority()).isEqualTo(32768);
        assertThat(matchPort.matchesAll()).isFalse();
    }

    @Test
    void refusesALineThatIsNoFlow() {
        assertThatThrownBy(() -> FlowEntry.parse("OFPST_FLOW reply (OF1.3) (xid=0x2):"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

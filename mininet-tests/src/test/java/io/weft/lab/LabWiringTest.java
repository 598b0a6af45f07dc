package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The wiring of ring,3 as lab.py reports it in its ready line. */
class LabWiringTest {
    private static final LabWiring RING = LabWiring.fromReadyLine(WeftApi.json("""
            {"ok": true, "event": "ready", "switches": ["s1", "s2", "s3"],
             "dpids": {"s1": "0000000000000001", "s2": "0000000000000002", "s3": "00000000000000a3"},
             "hosts": {"h10": {"ip": "10.0.0.10", "mac": "00:00:00:00:00:0a", "switch": "s3", "port": 1},
                       "h1": {"ip": "10.0.0.1", "mac": "00:00:00:00:00:01", "switch": "s1", "port": 1},
                       "h2": {"ip": "10.0.0.2", "mac": "00:00:00:00:00:02", "switch": "s2", "port": 1}},
             "cables": [{"a": "s1", "a_port": 2, "b": "s2", "b_port": 2},
                        {"a": "s2", "a_port": 3, "b": "s3", "b_port": 2},
                        {"a": "s3", "a_port": 3, "b": "s1", "b_port": 3}]}
            """));

    @Test
    void eachCableIsTwoDirectedLinks() {
        assertThat(RING.expectedLinks()).hasSize(6).contains(
                link("of:0000000000000001", 2, "of:0000000000000002", 2),
                link("of:0000000000000002", 2, "of:0000000000000001", 2),
                link("of:00000000000000a3", 3, "of:0000000000000001", 3));
    }

    @Test
    void findsTheCableOfALinkAndBetweenTwoSwitches() {
        assertThat(RING.cableOf(link("of:0000000000000001", 3, "of:00000000000000a3", 3)))
                .isEqualTo(new LabWiring.Cable("s3", 3, "s1", 3));
        assertThat(RING.cable("s1", "s3")).isEqualTo(new LabWiring.Cable("s3", 3, "s1", 3));
        assertThatThrownBy(() -> RING.cableOf(link("of:0000000000000001", 1, "of:0000000000000002", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsAreInNumericOrderWithTheirLocations() {
        assertThat(RING.hostNames()).containsExactly("h1", "h2", "h10");
        assertThat(RING.location("h10")).isEqualTo(new WeftApi.ConnectPoint("of:00000000000000a3", 1));
        assertThat(RING.hostPorts()).hasSize(3);
        assertThat(RING.deviceIds()).containsExactly("of:0000000000000001", "of:0000000000000002",
                "of:00000000000000a3");
    }

    private static WeftApi.Link link(String src, int srcPort, String dst, int dstPort) {
        return new WeftApi.Link(new WeftApi.ConnectPoint(src, srcPort), new WeftApi.ConnectPoint(dst, dstPort));
    }
}

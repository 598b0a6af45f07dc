package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API's answers as issue 3 gives their shapes, with fields the lab does not read. */
class WeftApiTest {
    private static final WeftApi.ConnectPoint S1_2 = new WeftApi.ConnectPoint("of:0000000000000001", 2);
    private static final WeftApi.ConnectPoint S2_3 = new WeftApi.ConnectPoint("of:0000000000000002", 3);

    @Test
    void readsDevicesAndTheirPorts() {
        List<WeftApi.Device> devices = WeftApi.parseDevices(WeftApi.json("""
                {"devices":[{"id":"of:0000000000000001","available":true,"protocol":"OF_13",
                  "manufacturer":"Nicira, Inc.","ports":[{"port":1,"name":"s1-eth1","up":true,"mac":"aa:bb:cc:dd:ee:01"},
                  {"port":2,"name":"s1-eth2","up":false}]}]}
                """));

        assertThat(devices).containsExactly(new WeftApi.Device("of:0000000000000001", true, "OF_13", List.of(
                new WeftApi.Port(1, "s1-eth1", true), new WeftApi.Port(2, "s1-eth2", false))));
    }

    @Test
    void readsLinksAndHosts() {
        assertThat(WeftApi.parseLinks(WeftApi.json("""
                {"links":[{"src":{"device":"of:0000000000000001","port":2},
                           "dst":{"device":"of:0000000000000002","port":3},"state":"ACTIVE"}]}
                """).path("links"))).containsExactly(new WeftApi.Link(S1_2, S2_3));

        assertThat(WeftApi.parseHosts(WeftApi.json("""
                {"hosts":[{"mac":"00:00:00:00:00:01","vlan":-1,"ips":["10.0.0.1"],
                           "location":{"device":"of:0000000000000001","port":2},"lastSeen":"2026-01-01T00:00:00Z"},
                          {"mac":"00:00:00:00:00:02","vlan":10,"ips":[]}]}
                """))).containsExactly(
                new WeftApi.Host("00:00:00:00:00:01", -1, List.of("10.0.0.1"), Optional.of(S1_2)),
                new WeftApi.Host("00:00:00:00:00:02", 10, List.of(), Optional.empty()));
    }

    @Test
    void aPathIsTheFirstListOfLinksFound() {
        String link = "{\"src\":{\"device\":\"of:0000000000000001\",\"port\":2},"
                + "\"dst\":{\"device\":\"of:0000000000000002\",\"port\":3}}";
        String other = "{\"src\":{\"device\":\"of:0000000000000001\",\"port\":3},"
                + "\"dst\":{\"device\":\"of:0000000000000004\",\"port\":2}}";

        assertThat(WeftApi.parsePath(WeftApi.json("{\"cost\":1,\"links\":[" + link + "]}")))
                .containsExactly(new WeftApi.Link(S1_2, S2_3));
        assertThat(WeftApi.parsePath(WeftApi.json("{\"paths\":[{\"links\":[" + link + "]},{\"links\":["
                + other + "]}]}"))).containsExactly(new WeftApi.Link(S1_2, S2_3));
        assertThatThrownBy(() -> WeftApi.parsePath(WeftApi.json("{\"error\":\"not_found\"}")))
                .isInstanceOf(IllegalStateException.class);
    }
}

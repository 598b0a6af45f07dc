package io.weft.topology.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.topology.event.EventDispatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class DeviceManagerTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13");

    private final Counters counters = new Counters();
    private final KeyedSerialExecutor executor = new KeyedSerialExecutor("events",
            Executors.newFixedThreadPool(2), 1_000, counters);
    private final EventDispatcher dispatcher = new EventDispatcher(executor, counters);
    private final DeviceManager manager = new DeviceManager(dispatcher);

    private static Port port(long n, boolean up) {
        return new Port(PortNumber.portNumber(n), "s1-eth" + n, MacAddress.valueOf(n), up, 10_000);
    }

    @Test
    void deviceIdsAreOfAndSixteenHexDigits() {
        assertThat(DeviceIds.fromDatapathId(0xabcL).toString()).isEqualTo("of:0000000000000abc");
        assertThat(DeviceIds.datapathId(DeviceId.deviceId("of:ffffffffffffffff"))).isEqualTo(-1L);
    }

    @Test
    void tracksDevicesAndPortsAndPostsEventsInOrder() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        manager.addListener(e -> seen.add(e.type() + e.port().map(p -> " " + p.number() + (p.up() ? " up" : " down"))
                .orElse("")));
        // A listener that throws must not keep the event from the others.
        manager.addListener(e -> {
            throw new IllegalStateException("a broken app");
        });

        manager.deviceConnected(S1, OVS, List.of(port(2, true), port(1, true)));
        manager.portUpdated(S1, port(2, false));
        manager.portUpdated(S1, port(3, true));
        manager.portRemoved(S1, PortNumber.portNumber(1));
        manager.deviceDisconnected(S1);
        executor.shutdown(5_000);

        assertThat(seen).containsExactly("DEVICE_CONNECTED", "PORT_UPDATED 2 down", "PORT_ADDED 3 up",
                "PORT_REMOVED 1 up", "DEVICE_DISCONNECTED");
        assertThat(counters.get("events.listener_failures")).isEqualTo(5);
        Device device = manager.device(S1).orElseThrow();
        assertThat(device.available()).isFalse();
        assertThat(device.ports()).extracting(p -> p.number().toLong()).containsExactly(2L, 3L);
        assertThat(device.description().protocol()).isEqualTo("OF_13");
    }

    @Test
    void portEventsForUnknownDevicesAreIgnored() throws Exception {
        manager.portUpdated(S1, port(1, true));
        manager.deviceDisconnected(S1);
        executor.shutdown(5_000);
        assertThat(manager.devices()).isEmpty();
        assertThat(counters.get("events.posted")).isZero();
    }
}

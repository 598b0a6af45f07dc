package io.weft.bench.ofswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.process.InProcessSouthbound;
import io.weft.metrics.Counters;
import io.weft.topology.device.Device;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Emulated switches finish Weft's real handshake over loopback TCP, with nothing refused on either side. */
@Timeout(30)
public class LoopbackHandshakeTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void everySwitchBecomesAnActiveDeviceWithItsPorts(OFVersion version) throws Exception {
        Counters counters = new Counters();
        try (InProcessSouthbound weft = new InProcessSouthbound()) {
            InetSocketAddress address = weft.start();
            try (SwitchFleet fleet = SwitchFleet.connect(address, 3, version, 4, Duration.ofMillis(2), 1,
                    profile -> new SwitchBehaviour() {
                    }, counters)) {
                await(() -> weft.activeDevices().size() == 3);
                assertThat(weft.activeDevices()).extracting(d -> d.ports().size()).containsOnly(4);
                assertThat(weft.activeDevices()).extracting(Device::id).extracting(Object::toString)
                        .containsExactly("of:0000000000000001", "of:0000000000000002", "of:0000000000000003");
                assertThat(weft.activeDevices()).extracting(d -> d.description().protocol())
                        .containsOnly(version.name());
                assertThat(fleet.connected()).isEqualTo(3);
            }
            assertThat(weft.counters().get("openflow.handshakes.completed")).isEqualTo(3);
            assertThat(weft.counters().snapshot().keySet()).noneMatch(k -> k.startsWith("openflow.closed."));
        }
        assertThat(counters.snapshot()).as("nothing refused or closed by the switches").isEmpty();
    }

    /** Polls {@code condition} until it holds, for at most 20 seconds. */
    public static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

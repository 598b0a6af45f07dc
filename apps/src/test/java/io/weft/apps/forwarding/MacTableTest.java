package io.weft.apps.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.topology.device.DeviceIds;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class MacTableTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceId S2 = DeviceIds.fromDatapathId(2);

    private static MacAddress mac(long n) {
        return MacAddress.valueOf(0x0200_0000_0000L | n);
    }

    private static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    @Test
    void aMacIsFoundWhereItWasLastSeenOnItsOwnSwitchOnly() {
        MacTable table = new MacTable(10);
        table.learn(S1, mac(1), port(1));
        table.learn(S1, mac(1), port(3));

        assertThat(table.lookup(S1, mac(1))).contains(port(3));
        assertThat(table.lookup(S2, mac(1))).isEmpty();
        assertThat(table.lookup(S1, mac(2))).isEmpty();
    }

    @Test
    void aFullTableRefusesNewMacsButStillMovesKnownOnes() {
        MacTable table = new MacTable(2);
        assertThat(table.learn(S1, mac(1), port(1))).isTrue();
        assertThat(table.learn(S1, mac(2), port(1))).isTrue();

        assertThat(table.learn(S1, mac(3), port(1))).isFalse();
        assertThat(table.learn(S1, mac(2), port(2))).isTrue();
        assertThat(table.learn(S2, mac(3), port(1))).as("another switch's table").isTrue();

        assertThat(table.lookup(S1, mac(3))).isEmpty();
        assertThat(table.lookup(S1, mac(2))).contains(port(2));
    }

    @Test
    void holdsManyMacsFromOneRangeAndForgetsAPortsWithoutTheOthers() {
        MacTable table = new MacTable(100_000);
        for (long n = 0; n < 100_000; n++) {
            assertThat(table.learn(S1, mac(n), port(1 + n % 3))).isTrue();
        }
        assertThat(table.learn(S1, mac(100_000), port(1))).isFalse();

        table.forgetPort(S1, port(2));

        for (long n = 0; n < 100_000; n++) {
            assertThat(table.lookup(S1, mac(n))).as("mac %d", n)
                    .isEqualTo(n % 3 == 1 ? Optional.empty() : Optional.of(port(1 + n % 3)));
        }
        assertThat(table.learn(S1, mac(100_000), port(2))).as("room again").isTrue();
    }

    @Test
    void aSwitchForgottenStartsAfresh() {
        MacTable table = new MacTable(10);
        table.learn(S1, mac(1), port(1));
        table.learn(S2, mac(1), port(1));

        table.forget(S1);

        assertThat(table.lookup(S1, mac(1))).isEmpty();
        assertThat(table.lookup(S2, mac(1))).contains(port(1));
    }
}

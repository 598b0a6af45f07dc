package io.weft.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void seesAListeningSocketWithoutConnectingToIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            assertThat(Ports.listening(port)).isTrue();
        }
        assertThat(Ports.listening(port)).isFalse();
    }

    @Test
    void aFreePortIsNoneOfTheReservedOnesAndFree() {
        int port = Ports.free();
        assertThat(Ports.RESERVED).doesNotContain(port);
        assertThat(Ports.listening(port)).isFalse();
    }
}

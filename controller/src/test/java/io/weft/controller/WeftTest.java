package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired controller starts, accepts a connection, refuses a hostile one cleanly, and stops. */
class WeftTest {
    @TempDir
    Path dir;

    @Test
    void startsListensAndClosesOnlyTheHostileConnection() throws Exception {
        WeftConfig config = WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0));
        Weft weft = new Weft(config).start();
        try (Socket good = new Socket("127.0.0.1", weft.openflowAddress().getPort());
             Socket hostile = new Socket("127.0.0.1", weft.openflowAddress().getPort())) {
            InputStream in = hostile.getInputStream();
            // The controller speaks first: its HELLO (8-byte header and a 8-byte bitmap element).
            assertThat(in.readNBytes(16)).startsWith(0x06, 0x00, 0x00, 0x10);
            OutputStream out = hostile.getOutputStream();
            out.write(new byte[] {0x04, 0x00, 0x00, 0x04, 0, 0, 0, 1}); // length 4: below the header
            out.flush();
            assertThat(in.read()).isEqualTo(-1); // closed by the controller
            assertThat(weft.counters().get("openflow.closed.bad_length")).isEqualTo(1);
            assertThat(good.getInputStream().readNBytes(16)).hasSize(16);
            assertThat(good.isClosed()).isFalse();
        } finally {
            weft.close();
        }
        assertThat(dir.resolve("data")).isDirectory();
    }
}

package io.weft.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.flowsetup.FlowSetupResult;
import io.weft.bench.flowsetup.FlowSetupRun;
import io.weft.bench.flowsetup.FlowSetupSettings;
import io.weft.bench.flowsetup.Progress;
import io.weft.metrics.Counters;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The packaged controller (built before this module) as the bench runs it: started fresh,
 * measured, stopped. The reactor builds controller/target/weft-controller.jar first.
 */
@Timeout(120)
class WeftProcessTest {
    private static final Path JAR = Path.of("..", "controller", "target", "weft-controller.jar");

    @Test
    void thePackagedControllerAnswersWithItsLearningSwitchAndStopsAfter(@TempDir Path work) throws Exception {
        assertThat(JAR).as("the controller package, built before the bench").isRegularFile();
        int port = Ports.free();
        FlowSetupSettings settings = new FlowSetupSettings(OFVersion.OF_13, 2, 20, 3, false, 4, true, 1,
                Duration.ofMillis(300), 0, Duration.ofSeconds(2), Duration.ofMillis(2), Duration.ofSeconds(30), 1);
        ManagedProcess weft = WeftProcess.start(JAR, port, work, List.of("-Xmx256m"));
        FlowSetupResult result;
        try (weft) {
            assertThat(Ports.listening(port)).isTrue();
            result = new FlowSetupRun(settings, Progress.NONE, new Counters())
                    .measure("weft", new InetSocketAddress("127.0.0.1", port));
            assertThat(weft.isAlive()).isTrue();
        }
        assertThat(weft.isAlive()).isFalse();
        assertThat(result.tally().answered()).isPositive();
        // A buffered packet-in is answered with one flow mod carrying its buffer id.
        assertThat(result.tally().byFlowMod()).isEqualTo(result.tally().answered());
        assertThat(Files.readString(work.resolve("weft.log"))).contains("Weft ready");
        assertThat(work.resolve("weft-data")).isDirectory();
    }
}

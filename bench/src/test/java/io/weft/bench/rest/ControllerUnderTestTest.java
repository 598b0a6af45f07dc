package io.weft.bench.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.flowsetup.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ControllerUnderTestTest {
    private static final Path JAR = Path.of("..", "controller", "target", "weft-controller.jar");

    @Test
    void weftIsStartedWithPathForwardingOnLoopbackPortsAndItsHeapLimit() {
        ControllerUnderTest.Launch launch = new ControllerUnderTest.Launch(Path.of("weft.jar"),
                List.of("-XX:+UseG1GC"), Optional.of("512m"), Optional.empty());
        List<String> command = ControllerUnderTest.command(launch, 4001, 4002, Path.of("/tmp/d"),
                Optional.of(Path.of("/tmp/w.yaml")));
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command.subList(1, 4)).containsExactly("-Xmx512m", "-XX:+UseG1GC", "-jar");
        assertThat(String.join(" ", command)).endsWith("weft.jar serve --openflow-address 127.0.0.1 --openflow-port 4001"
                + " --api-address 127.0.0.1 --api-port 4002 --data-dir /tmp/d --forwarding path --config /tmp/w.yaml");
        assertThat(command).as("the token travels in the environment, never on the command line")
                .noneMatch(a -> a.contains("token"));
    }

    @Test
    void aProbeIntervalRaisesTheLinkTimeoutWithIt() {
        assertThat(ControllerUnderTest.configText(Duration.ofMillis(500)))
                .isEqualTo("discovery:\n  probe-interval: 500ms\n  link-timeout: 10000ms\n");
        assertThat(ControllerUnderTest.configText(Duration.ofSeconds(5)))
                .isEqualTo("discovery:\n  probe-interval: 5000ms\n  link-timeout: 15000ms\n");
    }

    /** The packaged controller (built before this module), started as the discovery and api modes start it. */
    @Test
    @Timeout(120)
    void thePackagedControllerAnswersItsRestApiWithTheTokenAndItsHeapCanBeRead(@TempDir Path work)
            throws IOException, InterruptedException {
        assertThat(JAR).as("the controller package, built before the bench").isRegularFile();
        ControllerUnderTest.Launch launch = new ControllerUnderTest.Launch(JAR, List.of(), Optional.of("256m"),
                Optional.of(Duration.ofMillis(500)));
        HeapProbe.Heap heap;
        try (ControllerUnderTest weft = ControllerUnderTest.startWeft(launch, work, Progress.NONE)) {
            assertThat(weft.rest().links()).isEmpty();
            assertThat(weft.rest().count("/api/v1/devices", "devices")).isZero();
            heap = HeapProbe.measure(weft.pid().orElseThrow());
            assertThat(weft.isAlive()).isTrue();
        }
        assertThat(heap.usedKiB()).isPositive();
        assertThat(heap.maxMiB()).isEqualTo(256);
        assertThat(Files.readString(work.resolve("weft.yaml"))).contains("probe-interval: 500ms");
        assertThat(Files.readString(work.resolve("weft.log"))).contains("Weft ready").doesNotContain("admin token (no");
    }
}

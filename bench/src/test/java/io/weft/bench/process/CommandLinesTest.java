package io.weft.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controllers are started as the issue says: Weft learning on loopback, ovs-testcontroller answering with flows. */
class CommandLinesTest {

    @Test
    void weftServesMacLearningOnItsOwnLoopbackPortAndDataDirectory() {
        List<String> command = WeftProcess.command(Path.of("/w/weft.jar"), 40001, Path.of("/tmp/d"),
                List.of("-Xmx1g"), false);
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx1g", "-jar", "/w/weft.jar", "serve",
                "--forwarding", "learning", "--openflow-address", "127.0.0.1", "--openflow-port", "40001",
                "--data-dir", "/tmp/d");
        assertThat(WeftProcess.command(Path.of("/w/weft.jar"), 40001, Path.of("/tmp/d"), List.of(), true))
                .endsWith("--api-port", "0");
    }

    @Test
    void ovsTestControllerSetsUpFlowsAndListensOnLoopbackOnly() {
        List<String> command = OvsTestController.command(Path.of("/usr/bin/ovs-testcontroller"), 40002);
        assertThat(command).contains("--wildcards", "--max-idle=30", "--unixctl=none");
        assertThat(command).doesNotContain("-n", "--noflow", "-N", "--normal", "-H", "--hub");
        assertThat(command).last().isEqualTo("ptcp:40002:127.0.0.1");
    }
}

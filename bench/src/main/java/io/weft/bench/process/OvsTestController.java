package io.weft.bench.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * ovs-testcontroller, the reference: Open vSwitch's C learning switch, which answers a
 * packet-in to a known destination with one flow mod carrying the packet's buffer id (and,
 * for an unbuffered packet, a packet-out with its bytes).
 *
 * <p>Options: {@code --wildcards} makes its rules L2 matches (L3 and L4 fields wildcarded)
 * like Weft's MAC-learning rules rather than exact twelve-tuple matches; {@code --max-idle=30}
 * gives them the idle timeout of Weft's; {@code --unixctl=none} leaves no control socket behind;
 * {@code -n/--noflow} (no flows at all) and {@code -N/--normal} are not used.
 */
public final class OvsTestController {
    static final String EXECUTABLE = "ovs-testcontroller";
    static final String DEBIAN_PACKAGE = "openvswitch-testcontroller";

    private OvsTestController() {
    }

    public static List<String> command(Path executable, int port) {
        return List.of(executable.toString(), "--unixctl=none", "--wildcards", "--max-idle=30",
                "-vconsole:warn", "ptcp:" + port + ":127.0.0.1");
    }

    public static ManagedProcess start(int port, Path workDir) {
        Path executable = find().orElseThrow(() -> new IllegalStateException(EXECUTABLE + " is not installed: "
                + "apt-get install " + DEBIAN_PACKAGE + " (./weft bench --compare installs it when run as root)"));
        ManagedProcess process = ManagedProcess.start(EXECUTABLE, command(executable, port),
                workDir.resolve("ovs-testcontroller.log"));
        try {
            process.awaitListening(port, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, EXECUTABLE);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

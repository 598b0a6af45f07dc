package io.weft.bench;

import io.weft.bench.flowsetup.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.projectfloodlight.openflow.protocol.OFVersion;
import picocli.CommandLine.Option;

/** Options every mode takes. */
public final class BenchOptions {
    @Option(names = "--of", paramLabel = "10|13", description = "OpenFlow version of the switches (default: ${DEFAULT-VALUE})")
    int of = 13;

    @Option(names = "--json", description = "also print a machine-readable summary as the last line")
    boolean json;

    @Option(names = "--quiet", description = "no progress lines on standard error")
    boolean quiet;

    @Option(names = "--weft-jar", paramLabel = "JAR",
            description = "the Weft controller package to start (default: controller/target/weft-controller.jar)")
    Path weftJar;

    @Option(names = "--controller-java-opts", paramLabel = "OPTS",
            description = "JVM options for the Weft process the bench starts, e.g. '-XX:+FlightRecorder'")
    String controllerJavaOpts;

    @Option(names = "--keep-logs", description = "keep the controllers' logs and data directories after a successful run")
    boolean keepLogs;

    public OFVersion version() {
        return switch (of) {
            case 10 -> OFVersion.OF_10;
            case 13 -> OFVersion.OF_13;
            default -> throw new IllegalArgumentException("--of must be 10 or 13, was " + of);
        };
    }

    public boolean json() {
        return json;
    }

    public Progress progress() {
        return quiet ? Progress.NONE : line -> System.err.println("weft bench: " + line);
    }

    public Path weftJar() {
        if (weftJar != null) {
            return weftJar;
        }
        return Path.of(System.getProperty("weft.home", "."), "controller", "target", "weft-controller.jar");
    }

    public List<String> controllerJavaOptions() {
        return controllerJavaOpts == null || controllerJavaOpts.isBlank() ? List.of()
                : Arrays.asList(controllerJavaOpts.trim().split("\\s+"));
    }

    /** Removes a run's working directory, unless asked to keep it. */
    public void cleanUp(Path workDir) {
        if (keepLogs) {
            System.err.println("weft bench: logs kept in " + workDir);
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + workDir, e);
        }
    }
}

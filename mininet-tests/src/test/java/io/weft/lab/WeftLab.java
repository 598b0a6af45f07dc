package io.weft.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The lab of one test class, registered as a static extension field:
 * <ul>
 *   <li>before the class: checks the machine can run the lab (else skips every test, or
 *       fails if the lab is required), sweeps up earlier runs with {@code mn -c}, and
 *       starts a controller process on a free port with a fresh data directory;</li>
 *   <li>{@link #network} builds Mininet networks attached to that controller;</li>
 *   <li>after each test: stops the test's networks; if the test failed, prints the
 *       controller's and the networks' log tails;</li>
 *   <li>after the class: stops the controller with SIGTERM, failing if it does not exit.</li>
 * </ul>
 * Logs go to {@code mininet-tests/target/lab-logs/}.
 */
public final class WeftLab implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NETWORK_START_TIMEOUT = Duration.ofSeconds(120);

    private final List<MininetNetwork> networks = new ArrayList<>();
    private final String config;
    private String name;
    private Path logs;
    private ControllerProcess controller;
    private int networksStarted;
    private boolean sweepAtEnd;
    private String skipReason;

    /** A lab whose controller runs with the defaults. */
    public WeftLab() {
        this("");
    }

    /** A lab whose controller runs with {@code configYaml} as its config file (see the README). */
    public WeftLab(String configYaml) {
        this.config = configYaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        name = context.getRequiredTestClass().getSimpleName();
        skipReason = LabEnvironment.skipReason();
        if (skipReason != null) {
            System.err.println("[lab] " + name + " skipped: " + skipReason);
            return;
        }
        logs = LabEnvironment.logDir();
        deleteEarlierRun(logs, name + "-");
        LabEnvironment.cleanMininet(logs.resolve(name + "-mn-clean.log"));
        Path dataDir = createDirectory(logs.resolve(name + "-data"));
        Optional<Path> configFile = Optional.empty();
        if (!config.isBlank()) {
            configFile = Optional.of(writeFile(logs.resolve(name + "-weft.yaml"), config));
        }
        controller = new ControllerProcess(LabEnvironment.controllerJar(), ControllerProcess.freePort(),
                ControllerProcess.freePort(), dataDir, configFile, logs.resolve(name + "-controller.log"));
        System.out.printf("[lab] %s: controller on OpenFlow port %d, API port %d, log %s%n", name,
                controller.openFlowPort(), controller.apiPort(), controller.log());
        controller.start(READY_TIMEOUT);
    }

    private static Path writeFile(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Skips each test, rather than the class, so that every skipped lab test is counted as such. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /** The controller process of this test class. */
    public ControllerProcess controller() {
        return controller;
    }

    /** The REST API of this test class's controller, with its admin token. */
    public WeftApi api() {
        return controller.api();
    }

    /** Builds a network of {@code topology} whose switches speak only {@code protocol} to the controller. */
    public MininetNetwork network(String topology, OpenFlowVersion protocol) {
        return network(topology, Map.of(), protocol);
    }

    /** As {@link #network(String, OpenFlowVersion)}, the hosts named in {@code addresses} with those addresses. */
    public MininetNetwork network(String topology, Map<String, HostAddress> addresses, OpenFlowVersion protocol) {
        if (!controller.isAlive()) {
            throw new IllegalStateException("the controller process is not running; log " + controller.log()
                    + ":\n" + controller.tailText(60));
        }
        networksStarted++;
        Path log = logs.resolve("%s-%02d-%s-%s-mininet.log".formatted(name, networksStarted,
                topology.replaceAll("[^A-Za-z0-9]+", "-"), protocol));
        MininetNetwork network = MininetNetwork.start(LabEnvironment.labScript(), topology, addresses, protocol,
                controller.openFlowPort(), log, NETWORK_START_TIMEOUT);
        networks.add(network);
        return network;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException()
                .filter(thrown -> !(thrown instanceof TestAbortedException))
                .isPresent();
        if (failed && controller != null) {
            sweepAtEnd = true;
            printDiagnostics(context.getDisplayName());
        }
        networks.forEach(MininetNetwork::close);
        networks.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        networks.forEach(MininetNetwork::close);
        networks.clear();
        try {
            if (controller != null && controller.isAlive()) {
                int code = controller.stop(STOP_TIMEOUT);
                System.out.printf("[lab] %s: controller stopped on SIGTERM, exit code %d%n", name, code);
            }
        } finally {
            if (sweepAtEnd) {
                LabEnvironment.cleanMininet(logs.resolve(name + "-mn-clean.log"));
            }
        }
    }

    private void printDiagnostics(String test) {
        StringBuilder out = new StringBuilder();
        out.append("[lab] FAILED: ").append(name).append(' ').append(test).append('\n');
        out.append("---- controller (").append(controller.isAlive() ? "running" : "not running")
                .append("), last lines of ").append(controller.log()).append(" ----\n")
                .append(controller.tailText(80)).append('\n');
        for (MininetNetwork network : networks) {
            out.append("---- ").append(network).append(", last lines of ").append(network.log()).append(" ----\n")
                    .append(network.logTail(30)).append('\n');
        }
        out.append("---- end of lab logs ----");
        System.err.println(out);
    }

    /** Removes the logs and data directory a previous run of the same class left. */
    private static void deleteEarlierRun(Path logs, String prefix) {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> all = Files.walk(logs)) {
            List<Path> earlier = all.filter(path -> !path.equals(logs))
                    .filter(path -> logs.relativize(path).getName(0).toString().startsWith(prefix))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (Path path : earlier) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the earlier run's files from " + logs, e);
        }
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }
}

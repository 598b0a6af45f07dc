package io.weft.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged Weft controller as a separate process:
 * {@code java -jar weft-controller.jar serve --openflow-port N --api-port M --data-dir DIR},
 * with the admin token in {@code WEFT_ADMIN_TOKEN} (not on the command line, which the log shows).
 *
 * <p>Its output goes to a log file, whose last lines are shown when a test fails. It is
 * ready when it prints {@value #READY_MARKER} and its API answers the health check. It can
 * be stopped (SIGTERM) and started again on the same ports with the same data directory;
 * the log keeps every run.
 */
public final class ControllerProcess {
    static final String READY_MARKER = "Weft ready";
    /** How often the log is read while waiting for the marker, unless the process ends first. */
    private static final long READY_POLL_MILLIS = 50;

    private final Path jar;
    private final int openFlowPort;
    private final int apiPort;
    private final String adminToken;
    private final Path dataDir;
    private final Optional<Path> config;
    private final Path log;
    private final WeftApi api;
    private Process process;
    private int starts;

    public ControllerProcess(Path jar, int openFlowPort, int apiPort, Path dataDir, Optional<Path> config, Path log) {
        this.jar = jar;
        this.openFlowPort = openFlowPort;
        this.apiPort = apiPort;
        this.adminToken = newToken();
        this.dataDir = dataDir;
        this.config = config;
        this.log = log;
        this.api = new WeftApi(URI.create("http://127.0.0.1:" + apiPort), adminToken);
    }

    /** A TCP port nothing listens on right now, for a test class's controller. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    public int openFlowPort() {
        return openFlowPort;
    }

    public int apiPort() {
        return apiPort;
    }

    /** The admin token this process was started with, for clients other than {@link #api()} (gRPC). */
    public String adminToken() {
        return adminToken;
    }

    /** The controller's REST API, with this process's admin token. */
    public WeftApi api() {
        return api;
    }

    public Path log() {
        return log;
    }

    /** Starts the process and waits until it says it is ready; fails with its log tail if not. */
    public synchronized void start(Duration readyTimeout) {
        if (isAlive()) {
            throw new IllegalStateException("controller already running, pid " + process.pid());
        }
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "serve",
                "--openflow-port", Integer.toString(openFlowPort), "--api-port", Integer.toString(apiPort),
                "--data-dir", dataDir.toString()));
        config.ifPresent(file -> command.addAll(List.of("--config", file.toString())));
        long startOfThisRun;
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            String header = "=== start %d at %s: %s%n".formatted(starts, Instant.now(), String.join(" ", command));
            Files.writeString(log, header, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            startOfThisRun = Files.size(log);
            // Straight to the file: reading a child's pipe from Java loses what it prints
            // while exiting (the JDK closes the pipe under the reader), and that is the
            // part that tells how a stop went.
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("WEFT_ADMIN_TOKEN", adminToken);
            process = builder
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the controller: " + command, e);
        }
        Runtime.getRuntime().addShutdownHook(orphanGuard(process));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        awaitReady(process, startOfThisRun, readyTimeout);
        awaitHealthy(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Sends SIGTERM and waits for the process to end. Returns its exit code; if it does not
     * end in time it is killed and an {@link IllegalStateException} says so.
     */
    public synchronized int stop(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException("controller was never started");
        }
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("controller did not stop within " + timeout.toSeconds() + "s"
                        + " of SIGTERM and was killed; log " + log + ":\n" + tailText(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping the controller", e);
        }
        return process.exitValue();
    }

    /**
     * Sends SIGKILL, as {@code kill -9} does: the process gets no chance to close its store
     * or its connections. Returns its exit code (137 on Linux).
     */
    public synchronized int kill(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException("controller was never started");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("controller pid " + process.pid() + " still running "
                        + timeout.toSeconds() + "s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the controller", e);
        }
        return process.exitValue();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The last lines of the controller's log, across starts, oldest first. */
    public List<String> tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e + ")");
        }
    }

    public String tailText(int lines) {
        return String.join("\n", tail(lines));
    }

    /** If the test JVM is stopped (Ctrl-C on the build), the controller must not outlive it. */
    private static Thread orphanGuard(Process controller) {
        return new Thread(() -> {
            if (controller.isAlive()) {
                controller.destroy();
            }
        }, "controller-orphan-guard-" + controller.pid());
    }

    /**
     * Reads what this run appended to the log until the marker shows up. Between reads it
     * waits on the process's exit, so a controller that dies is reported at once.
     */
    private void awaitReady(Process started, long startOfThisRun, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!printedSince(startOfThisRun, READY_MARKER)) {
            if (!started.isAlive()) {
                throw new IllegalStateException("controller exited (code " + started.exitValue() + ") before printing '"
                        + READY_MARKER + "'; log " + log + ":\n" + tailText(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("controller did not print '" + READY_MARKER + "' within "
                        + timeout.toSeconds() + "s; log " + log + ":\n" + tailText(60));
            }
            try {
                started.onExit().get(READY_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // Read the log again.
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not watch the controller process", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the controller", e);
            }
        }
    }

    private void awaitHealthy(Duration timeout) {
        Poll.until("the controller's API on port " + apiPort + " to answer GET /api/v1/health with 200"
                        + " (controller log " + log + ")", timeout, api::health, status -> status == 200);
    }

    private static String newToken() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private boolean printedSince(long offset, String marker) {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(offset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8)
                    .contains(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + log, e);
        }
    }
}

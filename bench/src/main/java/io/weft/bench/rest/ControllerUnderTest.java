package io.weft.bench.rest;

import io.weft.bench.flowsetup.Progress;
import io.weft.bench.process.ManagedProcess;
import io.weft.bench.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The controller a discovery or api run measures: either Weft, started here as a fresh
 * process (path forwarding, OpenFlow and the REST API on loopback ports of their own, a fresh
 * data directory, a random admin token passed in {@code WEFT_ADMIN_TOKEN}, optionally a heap
 * limit and a probe interval), or one already running that the command line names.
 */
public final class ControllerUnderTest implements AutoCloseable {
    static final String TOKEN_ENV = "WEFT_ADMIN_TOKEN";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    /**
     * How to start Weft.
     *
     * @param heap          the -Xmx value, e.g. {@code 512m}; empty for the JVM's default
     * @param probeInterval discovery's probe interval; empty for Weft's default
     */
    public record Launch(Path jar, List<String> javaOptions, Optional<String> heap, Optional<Duration> probeInterval) {
        public Launch {
            javaOptions = List.copyOf(javaOptions);
        }
    }

    private final InetSocketAddress openflow;
    private final RestClient rest;
    private final Optional<ManagedProcess> process;
    private final OptionalLong pid;
    private final Optional<String> heapLimit;

    private ControllerUnderTest(InetSocketAddress openflow, RestClient rest, Optional<ManagedProcess> process,
                                OptionalLong pid, Optional<String> heapLimit) {
        this.openflow = openflow;
        this.rest = rest;
        this.process = process;
        this.pid = pid;
        this.heapLimit = heapLimit;
    }

    /** A controller that is already running; {@code pid} if its heap is to be measured. */
    public static ControllerUnderTest running(InetSocketAddress openflow, URI api, String token, Optional<Long> pid) {
        return new ControllerUnderTest(openflow, new RestClient(api, token), Optional.empty(),
                pid.map(OptionalLong::of).orElse(OptionalLong.empty()), Optional.empty());
    }

    /** Starts Weft and waits until both its OpenFlow port and its REST API answer. */
    public static ControllerUnderTest startWeft(Launch launch, Path workDir, Progress progress)
            throws InterruptedException {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalStateException("no Weft controller package at " + launch.jar()
                    + "; build it with ./weft mvn -B -q package -DskipTests, or name it with --weft-jar");
        }
        int openflowPort = Ports.free();
        int apiPort = Ports.free();
        Optional<Path> config = launch.probeInterval().map(interval -> writeConfig(workDir, interval));
        List<String> command = command(launch, openflowPort, apiPort, workDir.resolve("weft-data"), config);
        String token = newToken();
        progress.report("weft: starting " + launch.jar() + ", OpenFlow on 127.0.0.1:" + openflowPort
                + ", REST API on 127.0.0.1:" + apiPort + launch.heap().map(h -> ", heap limit " + h).orElse(""));
        ManagedProcess weft = ManagedProcess.start("Weft", command, Map.of(TOKEN_ENV, token),
                workDir.resolve("weft.log"));
        try {
            weft.awaitListening(openflowPort, STARTUP);
            weft.awaitListening(apiPort, STARTUP);
            progress.report("weft: pid " + weft.pid() + ", log " + weft.log());
            RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + apiPort), token);
            rest.getJson("/api/v1/health");
            return new ControllerUnderTest(new InetSocketAddress("127.0.0.1", openflowPort), rest, Optional.of(weft),
                    OptionalLong.of(weft.pid()), launch.heap());
        } catch (IOException e) {
            weft.close();
            throw new IllegalStateException("Weft's REST API did not answer: " + e.getMessage() + "; its output:\n"
                    + weft.logTail(), e);
        } catch (RuntimeException | InterruptedException e) {
            weft.close();
            throw e;
        }
    }

    static List<String> command(Launch launch, int openflowPort, int apiPort, Path dataDir, Optional<Path> config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        launch.heap().ifPresent(h -> command.add("-Xmx" + h));
        command.addAll(launch.javaOptions());
        command.addAll(List.of("-jar", launch.jar().toString(), "serve",
                "--openflow-address", "127.0.0.1", "--openflow-port", Integer.toString(openflowPort),
                "--api-address", "127.0.0.1", "--api-port", Integer.toString(apiPort),
                "--data-dir", dataDir.toString(), "--forwarding", "path"));
        config.ifPresent(c -> command.addAll(List.of("--config", c.toString())));
        return command;
    }

    /**
     * The config file for a probe interval: the link timeout must stay at least twice the
     * interval, so it is raised with it past Weft's default of 10 s.
     */
    static String configText(Duration probeInterval) {
        long interval = probeInterval.toMillis();
        long linkTimeout = Math.max(10_000, 3 * interval);
        return "discovery:\n  probe-interval: " + interval + "ms\n  link-timeout: " + linkTimeout + "ms\n";
    }

    private static Path writeConfig(Path workDir, Duration probeInterval) {
        Path file = workDir.resolve("weft.yaml");
        try {
            Files.writeString(file, configText(probeInterval));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public InetSocketAddress openflow() {
        return openflow;
    }

    public RestClient rest() {
        return rest;
    }

    /** The process id: of the Weft the bench started, or the one the command line gave. */
    public OptionalLong pid() {
        return pid;
    }

    public Optional<String> heapLimit() {
        return heapLimit;
    }

    /** True when the bench started the controller: its log is worth quoting on failure. */
    public boolean started() {
        return process.isPresent();
    }

    public boolean isAlive() {
        return process.map(ManagedProcess::isAlive).orElse(true);
    }

    public String logTail() {
        return process.map(ManagedProcess::logTail).orElse("(a controller the bench did not start)");
    }

    @Override
    public void close() {
        process.ifPresent(ManagedProcess::close);
    }
}

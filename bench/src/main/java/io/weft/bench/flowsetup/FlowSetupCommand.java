package io.weft.bench.flowsetup;

import io.weft.bench.BenchOptions;
import io.weft.bench.Machine;
import io.weft.bench.process.IdealController;
import io.weft.bench.process.ManagedProcess;
import io.weft.bench.process.OvsTestController;
import io.weft.bench.process.Ports;
import io.weft.bench.process.WeftProcess;
import io.weft.metrics.Counters;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weft bench flow-setup}. */
@Command(name = "flow-setup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "cbench-style flow setup: N emulated switches, each with M hosts, send packet-ins with new source MACs"
                    + " towards a destination the controller has learned, and count the packet-ins the controller"
                    + " answers per second, over R rounds of S seconds after the warm-up rounds.",
            "",
            "What is counted: a packet-in is ANSWERED when the controller told the switch what to do with that"
                    + " packet: a FLOW_MOD adding or modifying a rule with the packet-in's buffer id, a PACKET_OUT with"
                    + " its buffer id, or (unbuffered packet-ins) a PACKET_OUT carrying the packet's bytes. Each"
                    + " packet-in counts once, whichever comes first: a controller that sends a FLOW_MOD and a"
                    + " PACKET_OUT (and a BARRIER) for one packet-in scores one answer, not three. A FLOW_MOD without"
                    + " a buffer id answers nothing by itself (it is counted apart, as are barriers and packet-outs"
                    + " of other packets, e.g. LLDP). A packet-in unanswered within the answer timeout is given up"
                    + " and its place in the window freed; an answer after that does not count.",
            "",
            "Before measuring, each switch's destination host sends a broadcast, repeated until the controller"
                    + " answers it, so the controller has learned it (as cbench pre-learns): from then on a learning"
                    + " switch can answer each packet-in with a flow. Sources sit on ports 1..P-1, the destination"
                    + " on port P.",
            "",
            "By default the bench starts the packaged Weft controller itself (serve --forwarding learning, a fresh"
                    + " data directory, a free loopback port) and stops it after; --controller measures one already"
                    + " running. --compare also starts ovs-testcontroller on a port of its own, measures it with the"
                    + " same settings in the same run, and prints the ratio of the medians."
        })
public final class FlowSetupCommand implements Callable<Integer> {
    @Mixin
    BenchOptions common;

    @Option(names = "--switches", paramLabel = "N", description = "emulated switches (default: ${DEFAULT-VALUE})")
    int switches = 16;

    @Option(names = "--hosts", paramLabel = "M", description = "source hosts (MACs) per switch (default: ${DEFAULT-VALUE})")
    int hosts = 100_000;

    @Option(names = "--ports", paramLabel = "P", description = "ports per switch (default: ${DEFAULT-VALUE})")
    int ports = 4;

    @Option(names = "--latency", description = "latency mode: one packet-in in flight per switch; prints p50/p99/p99.9")
    boolean latency;

    @Option(names = "--window", paramLabel = "W",
            description = "throughput mode: packet-ins in flight per switch (default: 100)")
    Integer window;

    @Option(names = "--unbuffered", description = "send packet-ins without a buffer id (NO_BUFFER), as Open vSwitch does")
    boolean unbuffered;

    @Option(names = "--rounds", paramLabel = "R", description = "measured rounds (default: ${DEFAULT-VALUE})")
    int rounds = 10;

    @Option(names = "--seconds", paramLabel = "S", description = "length of a round in seconds (default: ${DEFAULT-VALUE})")
    double seconds = 2;

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up rounds, not counted (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--answer-timeout-ms", paramLabel = "MS",
            description = "a packet-in unanswered this long is given up (default: ${DEFAULT-VALUE})")
    long answerTimeoutMs = 1000;

    @Option(names = "--connect-interval-ms", paramLabel = "MS",
            description = "pause between two switches connecting (default: ${DEFAULT-VALUE})")
    long connectIntervalMs = 5;

    @Option(names = "--threads", paramLabel = "T",
            description = "event-loop threads of the emulated switches (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "measure this running controller instead of starting Weft")
    String controller;

    @Option(names = "--compare", description = "also start ovs-testcontroller and measure it in the same run")
    boolean compare;

    @Option(names = "--runs", paramLabel = "N",
            description = "with --compare: measure both N times, each time fresh, Weft first on odd runs and the"
                    + " reference first on even ones, and pool the rounds (default: ${DEFAULT-VALUE})")
    int runs = 1;

    @Option(names = "--ideal", description = "also measure an ideal controller in this process that answers each"
            + " packet-in at once with one pre-encoded flow mod: the most this machine and the bench can measure")
    boolean ideal;

    static final int DEFAULT_WINDOW = 100;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        FlowSetupSettings settings;
        InetSocketAddress target;
        try {
            settings = settings();
            target = controller == null ? null : parse(controller);
        } catch (IllegalArgumentException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 2;
        }
        Machine machine = Machine.current();
        Counters counters = new Counters();
        FlowSetupRun run = new FlowSetupRun(settings, common.progress(), counters);
        Path workDir = Files.createTempDirectory("weft-bench-");
        List<FlowSetupResult> measured = new ArrayList<>();
        List<FlowSetupResult> references = new ArrayList<>();
        List<Double> runRatios = new ArrayList<>();
        List<String> runLines = new ArrayList<>();
        String firstKey = controller == null ? "weft" : "controller";
        List<FlowSetupResult> results = new ArrayList<>();
        try {
            for (int r = 1; r <= runs; r++) {
                if (runs > 1) {
                    common.progress().report("run " + r + "/" + runs);
                }
                boolean referenceFirst = compare && r % 2 == 0;
                FlowSetupResult reference = referenceFirst ? measureReference(run, workDir) : null;
                FlowSetupResult result = target != null ? run.measure("controller", target)
                        : measureWeft(run, workDir);
                if (compare && !referenceFirst) {
                    reference = measureReference(run, workDir);
                }
                measured.add(result);
                if (reference != null) {
                    references.add(reference);
                    runRatios.add(result.median() / reference.median());
                    runLines.add(FlowSetupReport.runLine(r, result, reference));
                }
            }
            results.add(FlowSetupResult.pool(measured));
            if (compare) {
                results.add(FlowSetupResult.pool(references));
            }
            if (ideal) {
                try (IdealController idealController = new IdealController(settings.version(), counters)) {
                    results.add(run.measure("ideal", idealController.start()));
                }
            }
        } catch (IllegalStateException e) {
            System.err.println("weft bench: " + e.getMessage());
            System.err.println("weft bench: logs kept in " + workDir);
            return 1;
        }
        Optional<Double> ratio = compare
                ? Optional.of(results.get(0).median() / results.get(1).median()) : Optional.empty();
        if (runRatios.size() > 1) {
            runLines.forEach(out::println);
            out.println(FlowSetupReport.runRatios(runRatios));
        }
        out.println(FlowSetupReport.human(settings, machine, results, ratio));
        if (common.json()) {
            out.println(FlowSetupReport.json(settings, machine, firstKey, results, ratio));
        }
        common.cleanUp(workDir);
        return 0;
    }

    private FlowSetupResult measureWeft(FlowSetupRun run, Path workDir) throws InterruptedException {
        int port = Ports.free();
        common.progress().report("weft: starting " + common.weftJar() + " on 127.0.0.1:" + port);
        try (ManagedProcess weft = WeftProcess.start(common.weftJar(), port, workDir, common.controllerJavaOptions())) {
            common.progress().report("weft: pid " + weft.pid() + ", log " + weft.log());
            FlowSetupResult result = run.measure("weft", new InetSocketAddress("127.0.0.1", port),
                    OptionalLong.of(weft.pid()));
            if (!weft.isAlive()) {
                throw new IllegalStateException("Weft exited during the run; its output:\n" + weft.logTail());
            }
            return result;
        }
    }

    private FlowSetupResult measureReference(FlowSetupRun run, Path workDir) throws InterruptedException {
        int port = Ports.free();
        common.progress().report("reference: starting ovs-testcontroller on 127.0.0.1:" + port);
        try (ManagedProcess reference = OvsTestController.start(port, workDir)) {
            common.progress().report("reference: pid " + reference.pid() + ", log " + reference.log());
            FlowSetupResult result = run.measure("reference", new InetSocketAddress("127.0.0.1", port),
                    OptionalLong.of(reference.pid()));
            if (!reference.isAlive()) {
                throw new IllegalStateException("ovs-testcontroller exited during the run; its output:\n"
                        + reference.logTail());
            }
            return result;
        }
    }

    FlowSetupSettings settings() {
        if (latency && window != null && window != 1) {
            throw new IllegalArgumentException("--window does not apply to --latency (one packet-in in flight per switch)");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds must be within (0, 3600], was " + seconds);
        }
        if (answerTimeoutMs < 1 || connectIntervalMs < 0) {
            throw new IllegalArgumentException("--answer-timeout-ms must be positive and --connect-interval-ms not negative");
        }
        if (runs < 1 || runs > 1 && !compare) {
            throw new IllegalArgumentException("--runs must be at least 1, and more than 1 only with --compare");
        }
        int w = latency ? 1 : window == null ? DEFAULT_WINDOW : window;
        return new FlowSetupSettings(common.version(), switches, hosts, ports, latency, w, !unbuffered, rounds,
                Duration.ofMillis(Math.round(seconds * 1000)), warmup, Duration.ofMillis(answerTimeoutMs),
                Duration.ofMillis(connectIntervalMs), Duration.ofSeconds(30), threads);
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--controller must be HOST:PORT, was " + hostPort);
        }
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--controller port must be within 1..65535, was " + port);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), port);
    }
}

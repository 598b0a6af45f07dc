package io.weft.bench.discovery;

import io.weft.bench.BenchOptions;
import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.rest.ControllerUnderTest;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weft bench discovery}. */
@Command(name = "discovery", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Link discovery, re-route and controller memory on an emulated fabric. The emulated switches pass the"
                    + " controller's LLDP packet-outs across the fabric's cables as packet-ins at the far end (the"
                    + " bench knows the wiring); the controller signs and checks its probes, the switches relay bytes.",
            "",
            "Measures (a) the time from the first switch connecting, and from the last, until the controller's"
                    + " REST API (GET /api/v1/links) reports every link (two per cable); (b) the controller's heap"
                    + " after a full GC with the whole fabric connected (jcmd GC.run, GC.heap_info), Weft being run"
                    + " with a heap limit (--heap); (c) re-route: two hosts at far-apart edge ports talk so that path"
                    + " forwarding installs their path, then the cable in the middle of it is cut (PORT_STATUS with"
                    + " LINK_DOWN from both ends) and the bench times, at the switches, the flow mods that carry the"
                    + " conversation around the cut both ways and take every rule off the cut ports.",
            "",
            "By default the bench starts Weft itself, once for the baseline fabric and once for the measured one,"
                    + " each fresh; --controller/--api/--token measure one already running (no baseline, heap only"
                    + " with --controller-pid)."
        })
public final class DiscoveryCommand implements Callable<Integer> {
    @Mixin
    BenchOptions common;

    @Option(names = "--topology", paramLabel = "KIND,SIZE",
            description = "linear,N | ring,N | fattree,K (k=4..8) | grid,RxC (default: ${DEFAULT-VALUE})")
    String topology = "grid,25x40";

    @Option(names = "--baseline", paramLabel = "KIND,SIZE|none",
            description = "a small fabric measured first, in the same run, with a fresh Weft; a ring, so that its"
                    + " re-route has a way around the cut (default: ${DEFAULT-VALUE})")
    String baseline = "ring,10";

    @Option(names = "--heap", paramLabel = "SIZE|none",
            description = "heap limit (-Xmx) of the Weft the bench starts (default: ${DEFAULT-VALUE}, the target)")
    String heap = "512m";

    @Option(names = "--probe-interval-ms", paramLabel = "MS",
            description = "Weft's discovery.probe-interval, written to a config file (default: Weft's, 2000)")
    Long probeIntervalMs;

    @Option(names = "--connect-interval-ms", paramLabel = "MS",
            description = "pause between two switches connecting (default: ${DEFAULT-VALUE})")
    long connectIntervalMs = 2;

    @Option(names = "--threads", paramLabel = "T", description = "event-loop threads of the emulated switches"
            + " (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--poll-ms", paramLabel = "MS", description = "how often GET /api/v1/links is asked"
            + " (default: ${DEFAULT-VALUE})")
    long pollMs = 100;

    @Option(names = "--timeout-s", paramLabel = "S", description = "how long every link may take (default: ${DEFAULT-VALUE})")
    long timeoutS = 120;

    @Option(names = "--reroute-rounds", paramLabel = "R", description = "measured re-route rounds, 0 for none"
            + " (default: ${DEFAULT-VALUE})")
    int rerouteRounds = 5;

    @Option(names = "--reroute-warmup", paramLabel = "N", description = "re-route rounds before the measured ones"
            + " (default: ${DEFAULT-VALUE})")
    int rerouteWarmup = 1;

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "a running controller's OpenFlow address")
    String controller;

    @Option(names = "--api", paramLabel = "URL", description = "its REST API, e.g. http://127.0.0.1:8181")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", description = "its admin token (default: $WEFT_ADMIN_TOKEN)")
    String token;

    @Option(names = "--controller-pid", paramLabel = "PID", description = "its process, to measure its heap with jcmd")
    Long controllerPid;

    static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(2);
    static final Duration REROUTE_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        DiscoveryPlan plan;
        List<Fabric> fabrics = new ArrayList<>();
        try {
            plan = plan();
            if (controller == null && !"none".equalsIgnoreCase(baseline)) {
                fabrics.add(Fabrics.parse(baseline));
            }
            fabrics.add(Fabrics.parse(topology));
            checkExternal();
        } catch (IllegalArgumentException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 2;
        }
        Machine machine = Machine.current();
        DiscoveryRun run = new DiscoveryRun(plan, common.progress());
        Path workDir = Files.createTempDirectory("weft-bench-discovery-");
        List<DiscoveryResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < fabrics.size(); i++) {
                String label = controller != null ? "controller" : i < fabrics.size() - 1 ? "baseline" : "weft";
                results.add(measure(run, label, fabrics.get(i), workDir.resolve(label)));
            }
        } catch (IllegalStateException e) {
            System.err.println("weft bench: " + e.getMessage());
            System.err.println("weft bench: logs kept in " + workDir);
            return 1;
        }
        out.println(DiscoveryReport.human(plan, probeIntervalMs == null, machine, results));
        if (common.json()) {
            out.println(DiscoveryReport.json(plan, machine, results));
        }
        common.cleanUp(workDir);
        return results.stream().allMatch(DiscoveryResult::complete) ? 0 : 1;
    }

    private DiscoveryResult measure(DiscoveryRun run, String label, Fabric fabric, Path dir) throws Exception {
        Files.createDirectories(dir);
        if (controller != null) {
            ControllerUnderTest running = ControllerUnderTest.running(parse(controller), URI.create(api), token(),
                    Optional.ofNullable(controllerPid));
            return run.measure(label, fabric, running, controllerPid != null);
        }
        ControllerUnderTest.Launch launch = new ControllerUnderTest.Launch(common.weftJar(),
                common.controllerJavaOptions(), "none".equalsIgnoreCase(heap) ? Optional.empty() : Optional.of(heap),
                Optional.ofNullable(probeIntervalMs).map(Duration::ofMillis));
        try (ControllerUnderTest weft = ControllerUnderTest.startWeft(launch, dir, common.progress())) {
            return run.measure(label, fabric, weft, true);
        }
    }

    DiscoveryPlan plan() {
        if (connectIntervalMs < 0 || pollMs < 1 || timeoutS < 1) {
            throw new IllegalArgumentException("--connect-interval-ms must not be negative, --poll-ms and --timeout-s"
                    + " must be positive");
        }
        if (probeIntervalMs != null && probeIntervalMs < 100) {
            throw new IllegalArgumentException("--probe-interval-ms must be at least 100");
        }
        if (!"none".equalsIgnoreCase(heap) && !heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must be a size such as 512m, or none; was " + heap);
        }
        Duration probe = probeIntervalMs == null ? DEFAULT_PROBE_INTERVAL : Duration.ofMillis(probeIntervalMs);
        return new DiscoveryPlan(common.version(), Duration.ofMillis(connectIntervalMs), threads,
                Duration.ofMillis(pollMs), Duration.ofSeconds(timeoutS), probe, rerouteWarmup, rerouteRounds,
                REROUTE_TIMEOUT);
    }

    private void checkExternal() {
        if (controller == null) {
            if (api != null || token != null || controllerPid != null) {
                throw new IllegalArgumentException("--api, --token and --controller-pid go with --controller");
            }
            return;
        }
        if (api == null) {
            throw new IllegalArgumentException("--controller needs --api URL (its REST API)");
        }
        token();
        parse(controller);
    }

    private String token() {
        String t = token != null ? token : System.getenv("WEFT_ADMIN_TOKEN");
        if (t == null || t.isBlank()) {
            throw new IllegalArgumentException("--controller needs the admin token: --token or $WEFT_ADMIN_TOKEN");
        }
        return t;
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--controller must be HOST:PORT, was " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

package io.weft.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.bench.BenchOptions;
import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.rest.ControllerUnderTest;
import io.weft.metrics.Counters;
import java.io.IOException;
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

/** {@code weft bench api}. */
@Command(name = "api", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "REST API requests per second for reads of a populated fabric: an emulated fabric is connected, its"
                    + " links discovered and a host learned at each of its first host ports, then N concurrent clients"
                    + " (one HTTP/1.1 connection each, the admin bearer token) GET each endpoint in a closed loop for R"
                    + " rounds of S seconds after a warm-up round; min / median / max over the rounds, latency p50/p99.",
            "",
            "Network creation (POST, issue 5) and gRPC (issue 6) are reported as not available until the controller"
                    + " has them; nothing is faked. By default the bench starts Weft itself; --controller/--api/--token"
                    + " measure one already running."
        })
public final class ApiCommand implements Callable<Integer> {
    static final List<String> READS = List.of("/api/v1/devices", "/api/v1/links", "/api/v1/hosts");

    @Mixin
    BenchOptions common;

    @Option(names = "--topology", paramLabel = "KIND,SIZE", description = "the fabric (default: ${DEFAULT-VALUE})")
    String topology = "grid,10x10";

    @Option(names = "--hosts", paramLabel = "H", description = "hosts to learn, one per host port (default: one per"
            + " switch, at most the fabric's host ports)")
    Integer hosts;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--rounds", paramLabel = "R", description = "measured rounds per endpoint (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--seconds", paramLabel = "S", description = "length of a round (default: ${DEFAULT-VALUE})")
    double seconds = 2;

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up rounds per endpoint (default: ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--endpoints", paramLabel = "PATH,...", split = ",",
            description = "the GET endpoints (default: /api/v1/devices,/api/v1/links,/api/v1/hosts)")
    List<String> endpoints;

    @Option(names = "--heap", paramLabel = "SIZE|none", description = "heap limit of the Weft the bench starts"
            + " (default: ${DEFAULT-VALUE})")
    String heap = "512m";

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "a running controller's OpenFlow address")
    String controller;

    @Option(names = "--api", paramLabel = "URL", description = "its REST API, e.g. http://127.0.0.1:8181")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", description = "its admin token (default: $WEFT_ADMIN_TOKEN)")
    String token;

    static final Duration POPULATE_TIMEOUT = Duration.ofSeconds(120);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Fabric fabric;
        int hostCount;
        List<String> paths = endpoints == null ? READS : endpoints;
        try {
            fabric = Fabrics.parse(topology);
            hostCount = hosts != null ? hosts : Math.min(fabric.switches(), fabric.hostPorts().size());
            check(fabric, hostCount, paths);
        } catch (IllegalArgumentException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 2;
        }
        Machine machine = Machine.current();
        Counters counters = new Counters();
        Path workDir = Files.createTempDirectory("weft-bench-api-");
        ApiReport.Run run;
        try (ControllerUnderTest target = controller(workDir)) {
            run = measure(target, fabric, hostCount, paths, counters);
        } catch (IllegalStateException e) {
            System.err.println("weft bench: " + e.getMessage());
            System.err.println("weft bench: logs kept in " + workDir);
            return 1;
        }
        out.println(ApiReport.human(machine, run));
        if (common.json()) {
            out.println(ApiReport.json(machine, run));
        }
        common.cleanUp(workDir);
        return 0;
    }

    private ControllerUnderTest controller(Path workDir) throws InterruptedException {
        if (controller != null) {
            String t = token != null ? token : System.getenv("WEFT_ADMIN_TOKEN");
            return ControllerUnderTest.running(parse(controller), URI.create(api), t, Optional.empty());
        }
        return ControllerUnderTest.startWeft(new ControllerUnderTest.Launch(common.weftJar(),
                common.controllerJavaOptions(), "none".equalsIgnoreCase(heap) ? Optional.empty() : Optional.of(heap),
                Optional.empty()), workDir, common.progress());
    }

    private ApiReport.Run measure(ControllerUnderTest target, Fabric fabric, int hostCount, List<String> paths,
                                  Counters counters) throws InterruptedException {
        String label = controller == null ? "weft" : "controller";
        try (PopulatedFabric populated = PopulatedFabric.connect(target, fabric, common.version(), hostCount,
                POPULATE_TIMEOUT, common.progress(), counters)) {
            ApiLoad load = new ApiLoad(target.rest().base(), token(target), target.pid(), counters, common.progress());
            List<ApiLoad.Result> reads = new ArrayList<>();
            for (String path : paths) {
                reads.add(load.measure(path, clients, warmup, rounds, Duration.ofMillis(Math.round(seconds * 1000))));
                if (!target.isAlive()) {
                    throw new IllegalStateException("the controller exited during the run; its output:\n"
                            + target.logTail());
                }
            }
            return new ApiReport.Run(label, fabric, populated.hosts(), clients, rounds, seconds, reads,
                    networkCreation(target), "not available yet: the controller has no gRPC service (issue 6)");
        }
    }

    /** Whether the controller's OpenAPI document offers network creation; the bench does not measure it either way yet. */
    private static String networkCreation(ControllerUnderTest target) throws InterruptedException {
        try {
            JsonNode paths = target.rest().getJson("/api/v1/openapi.json").path("paths");
            JsonNode networks = paths.path("/api/v1/networks");
            if (networks.has("post")) {
                return "the controller offers it, but this bench does not measure it yet";
            }
        } catch (IOException e) {
            return "not available yet (the controller's OpenAPI document did not answer: " + e.getMessage() + ")";
        }
        return "not available yet: the controller has no network creation (issue 5)";
    }

    private String token(ControllerUnderTest target) {
        return controller == null ? target.rest().token() : token != null ? token : System.getenv("WEFT_ADMIN_TOKEN");
    }

    private void check(Fabric fabric, int hostCount, List<String> paths) {
        if (clients < 1 || rounds < 1 || warmup < 0 || !(seconds > 0) || hostCount < 0) {
            throw new IllegalArgumentException("--clients, --rounds and --seconds must be positive, --warmup and"
                    + " --hosts not negative");
        }
        if (hostCount > fabric.hostPorts().size()) {
            throw new IllegalArgumentException(fabric.name() + " has " + fabric.hostPorts().size() + " host ports");
        }
        if (paths.stream().anyMatch(p -> !p.startsWith("/"))) {
            throw new IllegalArgumentException("--endpoints are paths such as /api/v1/links, was " + paths);
        }
        if (controller != null && (api == null || (token == null && System.getenv("WEFT_ADMIN_TOKEN") == null))) {
            throw new IllegalArgumentException("--controller needs --api URL and --token (or $WEFT_ADMIN_TOKEN)");
        }
        if (controller == null && (api != null || token != null)) {
            throw new IllegalArgumentException("--api and --token go with --controller");
        }
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--controller must be HOST:PORT, was " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

package io.weft.bench.api;

import io.weft.bench.BenchOptions;
import io.weft.bench.CpuMeter;
import io.weft.bench.Machine;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.Fabrics;
import io.weft.bench.rest.ControllerUnderTest;
import io.weft.metrics.Counters;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weft bench api}. */
@Command(name = "api", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Requests per second the controller's API answers, over REST and over gRPC: reads of a populated fabric"
                    + " and virtual network creation. An emulated fabric is connected, its links discovered and a"
                    + " host learned at each of its first host ports; then N concurrent clients, each with the admin"
                    + " bearer token and a connection of its own (REST: one HTTP/1.1 connection; gRPC: one channel,"
                    + " grpc-java's Netty transport, blocking stubs), send requests in a closed loop.",
            "",
            "Reads: the devices, links and hosts lists (REST GET /api/v1/NAME, gRPC weft.v1.Topology/ListNAME), R"
                    + " rounds of S seconds after the warm-up rounds; a rate counts 2xx answers (OK statuses) only.",
            "",
            "Network creation: each round creates K big-switch networks (REST POST /api/v1/tenants/{t}/networks,"
                    + " gRPC weft.v1.VirtualNetworks/CreateNetwork), each request a distinct network, under a tenant"
                    + " of the round's own that is made before the round's clock starts and deleted after it stops;"
                    + " the rate is the round's successes over the time the round took.",
            "",
            "Every rate is min / median / max over the rounds, with latency p50/p99 of the successes; any other"
                    + " answer is counted as refused or failed, by status, and printed beside it. By default the"
                    + " bench starts Weft itself; --controller/--api/--token (and --grpc) measure one already running."
        })
public final class ApiCommand implements Callable<Integer> {
    @Mixin
    BenchOptions common;

    @Option(names = "--topology", paramLabel = "KIND,SIZE", description = "the fabric (default: ${DEFAULT-VALUE})")
    String topology = "grid,10x10";

    @Option(names = "--hosts", paramLabel = "H", description = "hosts to learn, one per host port (default: one per"
            + " switch, at most the fabric's host ports)")
    Integer hosts;

    @Option(names = "--protocols", paramLabel = "PROTOCOL", split = ",",
            description = "rest, grpc or both (default: rest,grpc)")
    List<String> protocols = List.of("rest", "grpc");

    @Option(names = "--reads", paramLabel = "LIST", split = ",",
            description = "the lists to read: devices, links, hosts (default: all three), or none")
    List<String> reads = List.of("devices", "links", "hosts");

    @Option(names = "--creations", paramLabel = "K", description = "networks each creation round makes, at most 4094"
            + " (Weft's fabric tags); 0 measures no creation (default: ${DEFAULT-VALUE})")
    int creations = 500;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--rounds", paramLabel = "R", description = "measured rounds per read and per creation"
            + " (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(names = "--seconds", paramLabel = "S", description = "length of a read round (default: ${DEFAULT-VALUE})")
    double seconds = 2;

    @Option(names = "--warmup", paramLabel = "N",
            description = "warm-up rounds before each (default: ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--heap", paramLabel = "SIZE|none", description = "heap limit of the Weft the bench starts"
            + " (default: ${DEFAULT-VALUE})")
    String heap = "512m";

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "a running controller's OpenFlow address")
    String controller;

    @Option(names = "--api", paramLabel = "URL", description = "its REST API, e.g. http://127.0.0.1:8181")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", description = "its admin token (default: $WEFT_ADMIN_TOKEN)")
    String token;

    @Option(names = "--grpc", paramLabel = "HOST:PORT", description = "its gRPC API, plaintext (default: the host and"
            + " port of --api, where Weft serves gRPC beside REST)")
    String grpc;

    static final Duration POPULATE_TIMEOUT = Duration.ofSeconds(120);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Fabric fabric;
        int hostCount;
        ApiPlan plan;
        try {
            fabric = Fabrics.parse(topology);
            hostCount = hosts != null ? hosts : Math.min(fabric.switches(), fabric.hostPorts().size());
            plan = plan();
            check(fabric, hostCount);
        } catch (IllegalArgumentException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 2;
        }
        Machine machine = Machine.current();
        Counters counters = new Counters();
        Path workDir = Files.createTempDirectory("weft-bench-api-");
        ApiReport.Run run;
        try (ControllerUnderTest target = controller(workDir)) {
            run = measure(target, fabric, hostCount, plan, counters);
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

    /** The options as a plan, checked: what is measured, how long, by how many clients. */
    ApiPlan plan() {
        return ApiPlan.of(protocols, reads, creations, clients, warmup, rounds, seconds);
    }

    private ControllerUnderTest controller(Path workDir) throws InterruptedException {
        if (controller != null) {
            return ControllerUnderTest.running(parse(controller), URI.create(api), adminToken(), Optional.empty());
        }
        return ControllerUnderTest.startWeft(new ControllerUnderTest.Launch(common.weftJar(),
                common.controllerJavaOptions(), "none".equalsIgnoreCase(heap) ? Optional.empty() : Optional.of(heap),
                Optional.empty()), workDir, common.progress());
    }

    private ApiReport.Run measure(ControllerUnderTest target, Fabric fabric, int hostCount, ApiPlan plan,
                                  Counters counters) throws InterruptedException {
        String label = controller == null ? "weft" : "controller";
        URI rest = target.rest().base();
        String grpcTarget = grpc != null ? grpc : rest.getHost() + ":" + (rest.getPort() != -1 ? rest.getPort()
                : "https".equals(rest.getScheme()) ? 443 : 80);
        String token = controller == null ? target.rest().token() : adminToken();
        ClosedLoop loop = new ClosedLoop(counters, common.progress(),
                CpuMeter.available() ? Optional.of(new CpuMeter(target.pid())) : Optional.empty());
        try (PopulatedFabric populated = PopulatedFabric.connect(target, fabric, common.version(), hostCount,
                POPULATE_TIMEOUT, common.progress(), counters)) {
            Map<Read, List<ClosedLoop.Result>> readResults = new LinkedHashMap<>();
            for (Read read : plan.reads()) {
                List<ClosedLoop.Result> results = new ArrayList<>();
                for (Protocol protocol : plan.protocols()) {
                    Load load = switch (protocol) {
                        case REST -> RestLoad.read(rest, token, read);
                        case GRPC -> GrpcLoad.read(grpcTarget, token, read);
                    };
                    results.add(measure(target, loop, plan.clients(), plan.readRounds(), load));
                }
                readResults.put(read, results);
            }
            List<ClosedLoop.Result> creationResults = new ArrayList<>();
            if (plan.creationRounds().isPresent()) {
                for (Protocol protocol : plan.protocols()) {
                    RoundTenants tenants = RoundTenants.fresh(protocol);
                    Load load = switch (protocol) {
                        case REST -> RestLoad.networkCreation(rest, token, tenants);
                        case GRPC -> GrpcLoad.networkCreation(grpcTarget, token, tenants);
                    };
                    creationResults.add(measure(target, loop, plan.clients(), plan.creationRounds().get(), load));
                }
            }
            return new ApiReport.Run(label, fabric, populated.hosts(), plan, readResults, creationResults);
        }
    }

    private static ClosedLoop.Result measure(ControllerUnderTest target, ClosedLoop loop, int clients,
                                             ClosedLoop.Rounds rounds, Load load) throws InterruptedException {
        try (load) {
            ClosedLoop.Result result = loop.run(load, clients, rounds);
            if (!target.isAlive()) {
                throw new IllegalStateException("the controller exited during the run; its output:\n"
                        + target.logTail());
            }
            return result;
        }
    }

    private String adminToken() {
        return token != null ? token : System.getenv("WEFT_ADMIN_TOKEN");
    }

    private void check(Fabric fabric, int hostCount) {
        if (hostCount < 0) {
            throw new IllegalArgumentException("--hosts must not be negative");
        }
        if (hostCount > fabric.hostPorts().size()) {
            throw new IllegalArgumentException(fabric.name() + " has " + fabric.hostPorts().size() + " host ports");
        }
        if (controller != null && (api == null || adminToken() == null)) {
            throw new IllegalArgumentException("--controller needs --api URL and --token (or $WEFT_ADMIN_TOKEN)");
        }
        if (controller == null && (api != null || token != null || grpc != null)) {
            throw new IllegalArgumentException("--api, --token and --grpc go with --controller");
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

package io.weft.bench.api;

import io.weft.bench.Json;
import io.weft.bench.Machine;
import io.weft.bench.Spread;
import io.weft.bench.fabric.Fabric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human summary and the machine-readable line of an api run. */
final class ApiReport {
    static final String REST_CLIENTS = "one HTTP/1.1 connection per client";
    static final String GRPC_CLIENTS = "one channel (one HTTP/2 connection) per client, grpc-java's Netty transport,"
            + " blocking stubs";

    /** What the run measured: each read over each protocol, then network creation over each. */
    record Run(String label, Fabric fabric, int hosts, ApiPlan plan, Map<Read, List<ClosedLoop.Result>> reads,
               List<ClosedLoop.Result> creations) {
        Run {
            reads = Collections.unmodifiableMap(new LinkedHashMap<>(reads));
            creations = List.copyOf(creations);
        }
    }

    private ApiReport() {
    }

    static String human(Machine machine, Run run) {
        ApiPlan plan = run.plan();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "api: %d concurrent clients in a closed loop with the admin bearer token;"
                        + " %s; fabric %s: %,d devices, %,d links, %,d hosts", plan.clients(),
                String.join("; ", plan.protocols().stream().map(p -> p.displayName() + ": " + connections(p)).toList()),
                run.fabric().name(),
                run.fabric().switches(), run.fabric().expectedLinks().size(), run.hosts()));
        lines.add(plan.reads().isEmpty() ? "reads: none (--reads none)" : String.format(Locale.ROOT,
                "reads: %s of %s s after %s", rounds(plan.rounds()), seconds(plan), warmups(plan)));
        lines.add(plan.creations() == 0 ? "network creation: not measured (--creations 0)" : String.format(Locale.ROOT,
                "network creation: %s of %,d %s networks after %s, each round under a tenant of its own, made"
                        + " before its clock starts and deleted after it stops", rounds(plan.rounds()),
                plan.creations(), RoundTenants.KIND, warmups(plan)));
        lines.add("machine: " + machine.describe());
        String indent = " ".repeat(run.label().length());
        List<ClosedLoop.Result> all = new ArrayList<>();
        run.reads().values().forEach(all::addAll);
        all.addAll(run.creations());
        for (ClosedLoop.Result r : all) {
            Spread s = r.spread();
            lines.add(String.format(Locale.ROOT, "%s: %-4s %-40s median %,9.0f %s/s (min %,.0f, max %,.0f);"
                            + " latency p50 %,.0f us, p99 %,.0f us; %,d bytes per answer; %,d refused or failed",
                    run.label(), r.protocol().wireName(), r.operation(), s.median(), r.unit(), s.min(), s.max(),
                    r.p50Micros(), r.p99Micros(), r.answerBytes(), r.problemCount()));
            if (r.problemCount() > 0) {
                lines.add(String.format(Locale.ROOT, "%s  not counted (warm-up included): %s; the first: %s", indent,
                        r.problems(), r.firstProblem().orElse("")));
            }
            r.cpu().ifPresent(c -> lines.add(String.format(Locale.ROOT, "%s  CPU while measuring, in cores: machine"
                    + " %.2f = bench %.2f + controller %.2f + interrupts %.2f + other processes %.2f", indent,
                    c.machine(), c.bench(), c.controller(), c.interrupts(), c.others())));
        }
        return String.join("\n", lines);
    }

    static String json(Machine machine, Run run) {
        Map<String, Object> side = new LinkedHashMap<>();
        Map<String, Object> reads = new LinkedHashMap<>();
        run.reads().forEach((read, results) -> reads.put(read.wireName(), byProtocol(results)));
        side.put("reads", reads);
        side.put("network_creation", byProtocol(run.creations()));
        side.put("settings", settings(run));
        side.put("machine", machine.toJson());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "api");
        root.put(run.label(), side);
        return Json.write(root);
    }

    private static Map<String, Object> byProtocol(List<ClosedLoop.Result> results) {
        Map<String, Object> byProtocol = new LinkedHashMap<>();
        results.forEach(r -> byProtocol.put(r.protocol().wireName(), result(r)));
        return byProtocol;
    }

    private static Map<String, Object> result(ClosedLoop.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", r.operation());
        m.putAll(r.spread().toJson());
        m.put("unit", r.unit() + " per second");
        m.put("rounds", r.rates());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", r.p50Micros());
        latency.put("p99", r.p99Micros());
        m.put("latency_us", latency);
        m.put("answer_bytes", r.answerBytes());
        m.put("succeeded", r.succeeded());
        m.put("refused", r.problemCount());
        m.put("problems", r.problems());
        r.firstProblem().ifPresent(p -> m.put("first_problem", p));
        r.cpu().ifPresent(c -> m.put("cpu_cores", c.toJson()));
        return m;
    }

    private static Map<String, Object> settings(Run run) {
        ApiPlan plan = run.plan();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("topology", run.fabric().name());
        settings.put("devices", run.fabric().switches());
        settings.put("links", run.fabric().expectedLinks().size());
        settings.put("hosts", run.hosts());
        settings.put("protocols", plan.protocols().stream().map(Protocol::wireName).toList());
        settings.put("reads", plan.reads().stream().map(Read::wireName).toList());
        settings.put("clients", plan.clients());
        Map<String, Object> connections = new LinkedHashMap<>();
        plan.protocols().forEach(p -> connections.put(p.wireName(), connections(p)));
        settings.put("connections", connections);
        settings.put("warmup_rounds", plan.warmup());
        settings.put("rounds", plan.rounds());
        settings.put("round_seconds", plan.roundLength().toMillis() / 1e3);
        settings.put("creations_per_round", plan.creations());
        settings.put("creation_tenants", "a tenant per round, made before its clock starts and deleted after");
        return settings;
    }

    private static String connections(Protocol protocol) {
        return switch (protocol) {
            case REST -> REST_CLIENTS;
            case GRPC -> GRPC_CLIENTS;
        };
    }

    private static String rounds(int n) {
        return n + (n == 1 ? " round" : " rounds");
    }

    private static String warmups(ApiPlan plan) {
        return plan.warmup() == 0 ? "no warm-up" : plan.warmup() + (plan.warmup() == 1 ? " warm-up round"
                : " warm-up rounds");
    }

    private static String seconds(ApiPlan plan) {
        double seconds = plan.roundLength().toMillis() / 1e3;
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}

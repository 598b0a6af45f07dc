package io.weft.bench.api;

import io.weft.bench.Json;
import io.weft.bench.Machine;
import io.weft.bench.Spread;
import io.weft.bench.fabric.Fabric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human summary and the machine-readable line of an api run. */
final class ApiReport {
    static final String NETWORK_CREATION = "POST /api/v1/networks (virtual network creation)";
    static final String GRPC = "gRPC";

    /** What the run measured, and what it could not. */
    record Run(String label, Fabric fabric, int hosts, int clients, int rounds, double roundSeconds,
               List<ApiLoad.Result> reads, String networkCreation, String grpc) {
    }

    private ApiReport() {
    }

    static String human(Machine machine, Run run) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "api: REST reads with %d concurrent clients (one HTTP/1.1 connection each,"
                        + " closed loop), %d rounds of %s s after a warm-up; fabric %s: %,d devices, %,d links, %,d hosts",
                run.clients(), run.rounds(), trim(run.roundSeconds()), run.fabric().name(), run.fabric().switches(),
                run.fabric().expectedLinks().size(), run.hosts()));
        lines.add("machine: " + machine.describe());
        for (ApiLoad.Result r : run.reads()) {
            Spread s = r.spread();
            lines.add(String.format(Locale.ROOT, "%s: GET %-16s median %,9.0f requests/s (min %,.0f, max %,.0f);"
                            + " latency p50 %,.0f us, p99 %,.0f us; %,d bytes per answer; %,d refused or failed",
                    run.label(), r.path(), s.median(), s.min(), s.max(), r.p50Micros(), r.p99Micros(), r.bodyBytes(),
                    r.refused()));
            r.cpu().ifPresent(c -> lines.add(String.format(Locale.ROOT, "%s  CPU while measuring, in cores: machine"
                    + " %.2f = bench %.2f + controller %.2f + other processes %.2f", " ".repeat(run.label().length()),
                    c.machine(), c.bench(), c.controller(), c.others())));
        }
        lines.add(NETWORK_CREATION + ": " + run.networkCreation());
        lines.add(GRPC + ": " + run.grpc());
        return String.join("\n", lines);
    }

    static String json(Machine machine, Run run) {
        Map<String, Object> side = new LinkedHashMap<>();
        Map<String, Object> reads = new LinkedHashMap<>();
        for (ApiLoad.Result r : run.reads()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Spread s = r.spread();
            m.put("median", s.median());
            m.put("min", s.min());
            m.put("max", s.max());
            m.put("unit", "requests per second");
            m.put("rounds", r.rates());
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", r.p50Micros());
            latency.put("p99", r.p99Micros());
            m.put("latency_us", latency);
            m.put("body_bytes", r.bodyBytes());
            m.put("answered", r.answered());
            m.put("refused", r.refused());
            r.cpu().ifPresent(c -> {
                Map<String, Object> cpu = new LinkedHashMap<>();
                cpu.put("machine", c.machine());
                cpu.put("bench", c.bench());
                cpu.put("controller", c.controller());
                cpu.put("others", c.others());
                m.put("cpu_cores", cpu);
            });
            reads.put(r.path(), m);
        }
        side.put("reads", reads);
        side.put("network_creation", run.networkCreation());
        side.put("grpc", run.grpc());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("topology", run.fabric().name());
        settings.put("devices", run.fabric().switches());
        settings.put("links", run.fabric().expectedLinks().size());
        settings.put("hosts", run.hosts());
        settings.put("clients", run.clients());
        settings.put("rounds", run.rounds());
        settings.put("round_seconds", run.roundSeconds());
        side.put("settings", settings);
        side.put("machine", machine.toJson());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "api");
        root.put(run.label(), side);
        return Json.write(root);
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}

package io.weft.bench.flowsetup;

import io.weft.bench.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.weft.bench.Json;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The human summary and the machine-readable line of a flow-setup run. */
final class FlowSetupReport {
    private FlowSetupReport() {
    }

    static String settingsLine(FlowSetupSettings s) {
        return String.format(Locale.ROOT, "flow-setup (%s), OpenFlow %s: %d switches x %,d hosts, %s, %s; "
                        + "%d rounds of %s s after %d warm-up round%s; answer timeout %d ms",
                s.latencyMode() ? "latency" : "throughput", s.version() == OFVersion.OF_10 ? "1.0" : "1.3",
                s.switches(), s.hosts(),
                s.latencyMode() ? "1 packet-in in flight per switch" : s.window() + " packet-ins in flight per switch",
                s.buffered() ? "buffered (each packet-in has a buffer id)" : "unbuffered (NO_BUFFER, whole packet)",
                s.rounds(), seconds(s), s.warmupRounds(), s.warmupRounds() == 1 ? "" : "s",
                s.answerTimeout().toMillis());
    }

    private static String seconds(FlowSetupSettings s) {
        long ms = s.roundLength().toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    /** One line per run of a comparison: each side's median and how disturbed it was, and the run's ratio. */
    static String runLine(int run, FlowSetupResult target, FlowSetupResult reference) {
        return String.format(Locale.ROOT, "run %d: %s median %,.0f/s%s, %s median %,.0f/s%s: ratio %.2f", run,
                target.label(), target.median(), disturbance(target), reference.label(), reference.median(),
                disturbance(reference), target.median() / reference.median());
    }

    private static String disturbance(FlowSetupResult r) {
        return r.cpu().map(c -> String.format(Locale.ROOT, " (other processes %.2f cores)", c.others())).orElse("");
    }

    /** One line: the ratio of the medians of each run alone, and their median. */
    static String runRatios(List<Double> ratios) {
        List<String> each = ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList();
        return String.format(Locale.ROOT, "ratio of each run: %s (median %.2f); the pooled figures follow",
                String.join(", ", each), Summary.of(ratios).median());
    }

    /** The human summary: settings, machine, one block per controller, the ratio. */
    static String human(FlowSetupSettings settings, Machine machine, List<FlowSetupResult> results,
                        Optional<Double> ratio) {
        List<String> lines = new ArrayList<>();
        lines.add(settingsLine(settings));
        lines.add("machine: " + machine.describe());
        for (FlowSetupResult r : results) {
            Tally t = r.tally();
            lines.add(String.format(Locale.ROOT, "%-10s median %,.0f packet-ins answered/s (min %,.0f, max %,.0f) over %d rounds%s",
                    r.label() + ":", r.median(), r.summary().min(), r.summary().max(), r.rates().size(),
                    r.runs() > 1 ? " of " + r.runs() + " runs" : ""));
            lines.add(String.format(Locale.ROOT, "%-10s answered first by: flow mod with buffer id %s, packet-out with"
                            + " buffer id %s, packet-out with the packet %s; %.2f messages (flow mods, packet-outs,"
                            + " barriers) per answer", "", percent(t.byFlowMod(), t.answered()),
                    percent(t.byPacketOut(), t.answered()), percent(t.byPacketOutData(), t.answered()),
                    t.messagesPerAnswer()));
            lines.add(String.format(Locale.ROOT, "%-10s sent %,d, answered %,d, given up %,d, late %,d, duplicate %,d,"
                            + " unknown %,d; flow mods without buffer id %,d, other packet-outs %,d; %d/%d switches"
                            + " connected at the end", "", t.sent(), t.answered(), t.expired(), t.late(),
                    t.duplicates(), t.unknown(), t.flowModsWithoutBuffer(), t.otherPacketOuts(), r.connected(),
                    r.switches()));
            r.cpu().ifPresent(c -> lines.add(String.format(Locale.ROOT, "%-10s CPU while measuring, in cores:"
                            + " machine %.2f = bench %.2f + %s %.2f + kernel interrupts %.2f + other processes %.2f%s",
                    "", c.machine(), c.bench(), r.label(), c.controller(), c.interrupts(), c.others(),
                    perCpuSecond(settings, r).map(e -> String.format(Locale.ROOT,
                            "; %,.0f packet-ins answered per %s CPU-second", e, r.label())).orElse(""))));
            r.latency().ifPresent(l -> lines.add(String.format(Locale.ROOT,
                    "%-10s latency p50 %,.0f us, p99 %,.0f us, p99.9 %,.0f us, max %,.0f us (%,d samples)", "",
                    micros(l.p50()), micros(l.p99()), micros(l.p999()), micros(l.max()), l.samples())));
        }
        ratio.ifPresent(x -> lines.add(String.format(Locale.ROOT,
                "ratio %s / %s, median packet-ins answered per second: %.2f", results.get(0).label(),
                results.get(1).label(), x)));
        if (ratio.isPresent() && results.get(0).latency().isPresent() && results.get(1).latency().isPresent()) {
            lines.add(String.format(Locale.ROOT, "latency p50 %s / %s: %.2f (below 1: %s answers faster)",
                    results.get(0).label(), results.get(1).label(),
                    (double) results.get(0).latency().get().p50() / results.get(1).latency().get().p50(),
                    results.get(0).label()));
        }
        return String.join("\n", lines);
    }

    /**
     * {@code {"mode":"flow-setup","weft":{"median":N,...},"reference":{"median":N,...},"ratio":R}};
     * the first result goes under {@code firstKey}, the reference (if any) under "reference".
     */
    static String json(FlowSetupSettings settings, Machine machine, String firstKey, List<FlowSetupResult> results,
                       Optional<Double> ratio) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "flow-setup");
        root.put(firstKey, side(settings, machine, results.get(0)));
        for (FlowSetupResult other : results.subList(1, results.size())) {
            root.put(other.label(), side(settings, machine, other));
        }
        ratio.ifPresent(r -> root.put("ratio", r));
        return Json.write(root);
    }

    private static Map<String, Object> side(FlowSetupSettings s, Machine machine, FlowSetupResult r) {
        Tally t = r.tally();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", r.median());
        m.put("min", r.summary().min());
        m.put("max", r.summary().max());
        m.put("mean", r.summary().mean());
        m.put("unit", "packet-ins answered per second");
        m.put("rounds", r.rates());
        m.put("runs", r.runs());
        m.put("controller", r.label());
        r.latency().ifPresent(l -> {
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("p50", micros(l.p50()));
            lat.put("p99", micros(l.p99()));
            lat.put("p999", micros(l.p999()));
            lat.put("max", micros(l.max()));
            lat.put("samples", l.samples());
            m.put("latency_us", lat);
        });
        m.put("sent", t.sent());
        m.put("answered", t.answered());
        m.put("answered_by_flow_mod", t.byFlowMod());
        m.put("answered_by_packet_out", t.byPacketOut());
        m.put("answered_by_packet_out_data", t.byPacketOutData());
        m.put("messages_per_answer", t.messagesPerAnswer());
        m.put("flow_mods", t.flowMods());
        m.put("flow_mods_without_buffer", t.flowModsWithoutBuffer());
        m.put("packet_outs", t.packetOuts());
        m.put("other_packet_outs", t.otherPacketOuts());
        m.put("barriers", t.barriers());
        m.put("given_up", t.expired());
        m.put("late", t.late());
        m.put("duplicates", t.duplicates());
        m.put("unknown", t.unknown());
        m.put("switches_connected", r.connected());
        r.cpu().ifPresent(c -> m.put("cpu_cores", c.toJson()));
        perCpuSecond(s, r).ifPresent(e -> m.put("answered_per_controller_cpu_second", e));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("of", s.version() == OFVersion.OF_10 ? "1.0" : "1.3");
        settings.put("latency_mode", s.latencyMode());
        settings.put("switches", s.switches());
        settings.put("hosts", s.hosts());
        settings.put("ports", s.ports());
        settings.put("window", s.window());
        settings.put("buffered", s.buffered());
        settings.put("rounds", s.rounds());
        settings.put("round_seconds", s.roundLength().toMillis() / 1000.0);
        settings.put("warmup_rounds", s.warmupRounds());
        settings.put("answer_timeout_ms", s.answerTimeout().toMillis());
        m.put("settings", settings);
        m.put("machine", machine.toJson());
        return m;
    }

    /**
     * Answers per second of the controller's own CPU time: on a shared machine, where the
     * controller got a varying share of the cores, this moves less than the rate does.
     */
    static Optional<Double> perCpuSecond(FlowSetupSettings s, FlowSetupResult r) {
        return r.cpu().filter(c -> c.controller() > 0).map(c -> r.tally().answered()
                / (c.controller() * r.rates().size() * s.roundLength().toMillis() / 1000.0));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}

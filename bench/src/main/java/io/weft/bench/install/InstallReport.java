package io.weft.bench.install;

import io.weft.bench.Json;
import io.weft.bench.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The human summary and the machine-readable line of an install run. */
final class InstallReport {
    private InstallReport() {
    }

    static String human(InstallSettings s, Machine machine, InstallResult weft, InstallResult reference) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "install, OpenFlow %s: %d switches, rules %s, %s, %d repeat%s per batch"
                        + " after %,d warm-up rules; rules/s = batch size / time from the first rule handed over to the"
                        + " last barrier confirmed",
                s.version() == OFVersion.OF_10 ? "1.0" : "1.3", s.switches(), s.batches(),
                s.perApply() == 0 ? "each switch's share in one apply (one barrier per switch)"
                        : s.perApply() + " rules per apply (one barrier each)",
                s.repeats(), s.repeats() == 1 ? "" : "s", s.warmupRules()));
        lines.add("machine: " + machine.describe());
        lines.add("rules/s: median (min-max) of the repeats; per CPU-s: rules per second of the bench process's CPU"
                + " (installer and switches); others: other processes' CPU meanwhile, in cores");
        lines.add(String.format(Locale.ROOT, "%10s  %-52s  %-52s  %6s", "rules", "weft (FlowRuleService.apply)",
                "reference (raw Netty writer)", "ratio"));
        for (int i = 0; i < weft.batches().size(); i++) {
            InstallResult.Batch w = weft.batches().get(i);
            InstallResult.Batch r = reference.batches().get(i);
            lines.add(String.format(Locale.ROOT, "%,10d  %-52s  %-52s  %6.3f", w.rules(), cell(w), cell(r),
                    w.median() / r.median()));
        }
        return String.join("\n", lines);
    }

    private static String cell(InstallResult.Batch b) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f); %,.0f per CPU-s; others %.2f", b.median(), b.min(),
                b.max(), b.perCpuSecond(), b.othersCores());
    }

    /**
     * {@code {"mode":"install","weft":{"batches":[...]},"reference":{"batches":[...]},"ratio":{"10000":R,...}}};
     * each batch has its rules, median, min, max (rules per second) and the rate of each repeat.
     */
    static String json(InstallSettings s, Machine machine, InstallResult weft, InstallResult reference) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "install");
        root.put("weft", side(s, machine, weft, "FlowRuleService.apply of an in-process OpenFlowServer"));
        root.put("reference", side(s, machine, reference, "pre-encoded flow mods from a plain Netty writer"));
        Map<String, Object> ratio = new LinkedHashMap<>();
        for (int i = 0; i < weft.batches().size(); i++) {
            ratio.put(Integer.toString(weft.batches().get(i).rules()),
                    weft.batches().get(i).median() / reference.batches().get(i).median());
        }
        root.put("ratio", ratio);
        return Json.write(root);
    }

    private static Map<String, Object> side(InstallSettings s, Machine machine, InstallResult result, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installer", what);
        m.put("unit", "barrier-confirmed rules per second");
        List<Object> batches = new ArrayList<>();
        for (InstallResult.Batch b : result.batches()) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("rules", b.rules());
            batch.put("median", b.median());
            batch.put("min", b.min());
            batch.put("max", b.max());
            batch.put("repeats", b.rates());
            batch.put("per_cpu_second", b.perCpuSecond());
            batch.put("other_processes_cores", b.othersCores());
            batches.add(batch);
        }
        m.put("batches", batches);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("of", s.version() == OFVersion.OF_10 ? "1.0" : "1.3");
        settings.put("switches", s.switches());
        settings.put("rules_per_apply", s.perApply());
        settings.put("repeats", s.repeats());
        settings.put("warmup_rules", s.warmupRules());
        m.put("settings", settings);
        m.put("machine", machine.toJson());
        return m;
    }
}

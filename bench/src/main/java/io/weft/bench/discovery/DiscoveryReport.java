package io.weft.bench.discovery;

import io.weft.bench.CpuMeter;
import io.weft.bench.Json;
import io.weft.bench.Machine;
import io.weft.bench.Spread;
import io.weft.bench.rest.HeapProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The human summary and the machine-readable line of a discovery run. */
final class DiscoveryReport {
    static final Duration LINKS_TARGET = Duration.ofSeconds(10);
    static final Duration REROUTE_TARGET = Duration.ofMillis(50);
    static final long HEAP_TARGET_MIB = 512;

    private DiscoveryReport() {
    }

    static String human(DiscoveryPlan plan, boolean defaultProbeInterval, Machine machine,
                        List<DiscoveryResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "discovery, OpenFlow %s: switches connect %d ms apart; GET /api/v1/links"
                        + " polled every %d ms; controller probe interval %s%s", of(plan.version()),
                plan.connectInterval().toMillis(), plan.poll().toMillis(), seconds(plan.probeInterval()),
                defaultProbeInterval ? " (Weft's default)" : ""));
        lines.add("machine: " + machine.describe());
        for (DiscoveryResult r : results) {
            lines.addAll(result(r));
        }
        lines.add(String.format(Locale.ROOT, "theoretical bound from the last switch connecting: one probe interval,"
                + " %s (the last switch's own probes go out as soon as the controller knows it; a link towards it"
                + " waits for its neighbour's next probe round)", seconds(plan.probeInterval())));
        return String.join("\n", lines);
    }

    private static List<String> result(DiscoveryResult r) {
        List<String> lines = new ArrayList<>();
        String pad = " ".repeat(4);
        lines.add(String.format(Locale.ROOT, "%s: %s, %,d switches, %,d cables (%,d links)", r.label(),
                r.fabric().name(), r.fabric().switches(), r.fabric().cables().size(), r.linksExpected()));
        if (r.complete()) {
            lines.add(String.format(Locale.ROOT, "%severy link reported %s after the first switch connected, %s after"
                            + " the last connected (target: within %d s: %s)", pad, secs(r.fromFirstConnect()),
                    secs(r.fromLastConnect()), LINKS_TARGET.toSeconds(),
                    met(r.fromLastConnect().getAsLong() <= LINKS_TARGET.toNanos())));
            lines.add(String.format(Locale.ROOT, "%sswitches connected over %s; every link reported %s after the"
                    + " controller had probed every switch", pad, secs(OptionalLong.of(r.connectSpan())),
                    secs(r.fromLastProbed())));
        } else {
            lines.add(String.format(Locale.ROOT, "%sNOT every link reported: %,d of %,d; %d/%d switches connected at"
                    + " the end", pad, r.linksKnown(), r.linksExpected(), r.connected(), r.fabric().switches()));
        }
        lines.add(String.format(Locale.ROOT, "%s%,d/%,d links reported, %,d unexpected; %,d polls, slowest %d ms",
                pad, r.linksKnown(), r.linksExpected(), r.unexpectedLinks(), r.polls(), r.slowestPoll().toMillis()));
        r.discoveryCpu().ifPresent(c -> lines.add(pad + "CPU while discovering, " + cpu(c)));
        r.heap().ifPresent(h -> lines.add(String.format(Locale.ROOT, "%sheap after a full GC with %,d switches"
                        + " connected: %.1f MiB used (committed %.1f MiB) of a %s limit (target: within %d MiB: %s);"
                        + " resident memory %.1f MiB; REST API answered with every link after: %s", pad,
                r.connected(), h.usedMiB(), h.committedKiB() / 1024.0,
                h.maxKiB() < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", h.maxMiB()), HEAP_TARGET_MIB,
                met(h.usedMiB() <= HEAP_TARGET_MIB), h.rssKiB() / 1024.0,
                r.answeredAfterHeap().map(a -> a ? "yes" : "NO").orElse("not asked"))));
        r.pathInstalled().ifPresent(p -> lines.add(String.format(Locale.ROOT, "%stwo hosts' path (%d hops) in place"
                + " both ways %s after they first sent (the hosts are learned at edge ports, which settle for a second"
                + " after they come up)", pad, r.reroutes().isEmpty() ? 0 : r.reroutes().get(0).pathHops(),
                secs(OptionalLong.of(p)))));
        List<RerouteRun.Round> measured = r.measuredReroutes();
        List<Double> complete = measured.stream().filter(x -> x.complete().isPresent())
                .map(x -> x.complete().getAsLong() / 1e6).toList();
        if (measured.isEmpty()) {
            lines.add(pad + "re-route: " + r.rerouteNote());
        } else if (complete.isEmpty()) {
            lines.add(pad + "re-route: NEVER completed in " + measured.size() + " rounds");
        } else {
            Spread s = Spread.of(complete);
            Spread first = Spread.of(measured.stream().filter(x -> x.firstFlowMod().isPresent())
                    .map(x -> x.firstFlowMod().getAsLong() / 1e6).toList());
            Spread mods = Spread.of(measured.stream().map(RerouteRun.Round::flowMods).toList());
            lines.add(String.format(Locale.ROOT, "%sre-route off a cut cable (PORT_STATUS from both ends until the"
                            + " switches hold the new path both ways and no rule on the cut ports): median %.1f ms,"
                            + " min %.1f, max %.1f over %d round%s%s (target: within %d ms: %s)", pad, s.median(),
                    s.min(), s.max(), measured.size(), measured.size() == 1 ? "" : "s",
                    complete.size() < measured.size() ? ", " + (measured.size() - complete.size()) + " never completed"
                            : "", REROUTE_TARGET.toMillis(),
                    met(complete.size() == measured.size() && s.median() <= REROUTE_TARGET.toMillis())));
            lines.add(String.format(Locale.ROOT, "%s         first flow mod after median %.1f ms; %.0f flow mods per"
                            + " re-route (median); path of %d hops, %s", pad, first.median(), mods.median(),
                    measured.get(0).pathHops(), measured.get(0).alternative() ? "with a way around the cut"
                            : "no way around the cut: complete when the rules on it are gone"));
        }
        r.rerouteCpu().ifPresent(c -> lines.add(pad + "CPU while re-routing, " + cpu(c)));
        if (!measured.isEmpty() && !r.rerouteNote().isEmpty()) {
            lines.add(pad + "re-route: " + r.rerouteNote());
        }
        return lines;
    }

    private static String cpu(CpuMeter.Share c) {
        return String.format(Locale.ROOT, "in cores: machine %.2f = bench %.2f + controller %.2f + other processes %.2f",
                c.machine(), c.bench(), c.controller(), c.others());
    }

    private static Map<String, Object> cpuJson(CpuMeter.Share c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", c.machine());
        m.put("bench", c.bench());
        m.put("controller", c.controller());
        m.put("others", c.others());
        return m;
    }

    static String json(DiscoveryPlan plan, Machine machine, List<DiscoveryResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "discovery");
        for (DiscoveryResult r : results) {
            root.put(r.label(), side(r));
        }
        root.put("theoretical_bound_s", plan.probeInterval().toMillis() / 1000.0);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("of", of(plan.version()));
        settings.put("connect_interval_ms", plan.connectInterval().toMillis());
        settings.put("poll_ms", plan.poll().toMillis());
        settings.put("probe_interval_ms", plan.probeInterval().toMillis());
        settings.put("reroute_warmup", plan.rerouteWarmup());
        settings.put("reroute_rounds", plan.rerouteRounds());
        root.put("settings", settings);
        root.put("machine", machine.toJson());
        return Json.write(root);
    }

    private static Map<String, Object> side(DiscoveryResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topology", r.fabric().name());
        m.put("switches", r.fabric().switches());
        m.put("switches_connected", r.connected());
        m.put("cables", r.fabric().cables().size());
        m.put("links_expected", r.linksExpected());
        m.put("links_reported", r.linksKnown());
        m.put("unexpected_links", r.unexpectedLinks());
        m.put("connect_span_s", r.connectSpan() / 1e9);
        m.put("all_links_after_first_connect_s", seconds(r.fromFirstConnect()));
        m.put("all_links_after_last_connect_s", seconds(r.fromLastConnect()));
        m.put("all_links_after_every_switch_probed_s", seconds(r.fromLastProbed()));
        m.put("polls", r.polls());
        m.put("slowest_poll_ms", r.slowestPoll().toMillis());
        r.heap().ifPresent(h -> m.put("heap", heap(h, r.answeredAfterHeap())));
        m.put("path_installed_s", seconds(r.pathInstalled()));
        m.put("reroute", reroute(r));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("links_within_10s_of_last_connect", r.fromLastConnect().isPresent()
                && r.fromLastConnect().getAsLong() <= LINKS_TARGET.toNanos());
        r.heap().ifPresent(h -> targets.put("heap_within_512mib", h.usedMiB() <= HEAP_TARGET_MIB));
        List<Double> complete = completeMillis(r);
        if (!complete.isEmpty()) {
            targets.put("reroute_within_50ms", complete.size() == r.measuredReroutes().size()
                    && Spread.of(complete).median() <= REROUTE_TARGET.toMillis());
        }
        m.put("targets", targets);
        r.discoveryCpu().ifPresent(c -> m.put("cpu_cores_discovering", cpuJson(c)));
        r.rerouteCpu().ifPresent(c -> m.put("cpu_cores_rerouting", cpuJson(c)));
        m.put("bench_counters", r.benchCounters());
        return m;
    }

    private static Map<String, Object> heap(HeapProbe.Heap h, Optional<Boolean> answered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("used_mib", h.usedMiB());
        m.put("committed_mib", h.committedKiB() / 1024.0);
        m.put("max_mib", h.maxKiB() < 0 ? null : h.maxMiB());
        m.put("rss_mib", h.rssKiB() < 0 ? null : h.rssKiB() / 1024.0);
        m.put("answered_after", answered.orElse(null));
        return m;
    }

    private static Map<String, Object> reroute(DiscoveryResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<RerouteRun.Round> measured = r.measuredReroutes();
        if (!r.rerouteNote().isEmpty()) {
            m.put("note", r.rerouteNote());
        }
        if (measured.isEmpty()) {
            return m;
        }
        List<Double> complete = completeMillis(r);
        if (!complete.isEmpty()) {
            Spread s = Spread.of(complete);
            m.put("median_ms", s.median());
            m.put("min_ms", s.min());
            m.put("max_ms", s.max());
        }
        m.put("never_completed", measured.size() - complete.size());
        List<Object> rounds = new ArrayList<>();
        for (RerouteRun.Round round : r.reroutes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("warmup", round.warmup());
            x.put("cable", round.cable());
            x.put("path_hops", round.pathHops());
            x.put("way_around", round.alternative());
            x.put("complete_ms", millis(round.complete()));
            x.put("first_flow_mod_ms", millis(round.firstFlowMod()));
            x.put("last_flow_mod_ms", millis(round.lastFlowMod()));
            x.put("flow_mods", round.flowMods());
            x.put("deletes", round.deletes());
            rounds.add(x);
        }
        m.put("rounds", rounds);
        return m;
    }

    private static List<Double> completeMillis(DiscoveryResult r) {
        return r.measuredReroutes().stream().filter(x -> x.complete().isPresent())
                .map(x -> x.complete().getAsLong() / 1e6).toList();
    }

    private static Double millis(OptionalLong nanos) {
        return nanos.isPresent() ? nanos.getAsLong() / 1e6 : null;
    }

    private static Double seconds(OptionalLong nanos) {
        return nanos.isPresent() ? nanos.getAsLong() / 1e9 : null;
    }

    private static String secs(OptionalLong nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.2f s", nanos.getAsLong() / 1e9) : "-";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static String of(OFVersion version) {
        return version == OFVersion.OF_10 ? "1.0" : "1.3";
    }
}

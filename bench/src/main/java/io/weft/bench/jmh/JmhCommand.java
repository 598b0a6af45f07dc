package io.weft.bench.jmh;

import io.weft.bench.Json;
import io.weft.bench.Machine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft bench jmh}. */
@Command(name = "jmh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "JMH microbenchmarks of Weft's OpenFlow encode/decode path: cutting a read of packet-ins into messages and"
                    + " parsing them (OpenFlowFrameDecoder, openflowj), a packet-in to the InboundPacket the apps see,"
                    + " a path rule's FLOW_MOD and a PACKET_OUT from the API to bytes; OpenFlow 1.0 and 1.3.",
            "",
            "JMH's own defaults are replaced by those of the benchmark class (1 fork, 3 warm-up and 5 measured"
                    + " iterations of 1 s); --quick shortens them for a first look. Scores are messages per second on"
                    + " one thread."
        })
public final class JmhCommand implements Callable<Integer> {
    static final String DEFAULT_INCLUDE = "io\\.weft\\.southbound\\.openflow\\.OpenFlowCodecBenchmark";

    @Option(names = "--include", paramLabel = "REGEX", description = "benchmarks to run (default: the OpenFlow codec)")
    String include = DEFAULT_INCLUDE;

    @Option(names = "--quick", description = "1 warm-up and 3 measured iterations of 0.5 s")
    boolean quick;

    @Option(names = "--forks", paramLabel = "N", description = "forked JVMs per benchmark (default: the class's, 1)")
    Integer forks;

    @Option(names = "--json", description = "also print a machine-readable summary as the last line")
    boolean json;

    @Option(names = "--quiet", description = "no JMH progress output")
    boolean quiet;

    @Override
    public Integer call() throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include)
                .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        if (forks != null) {
            options.forks(forks);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            System.err.println("weft bench: no benchmark matches " + include);
            return 2;
        }
        PrintStream out = System.out;
        Machine machine = Machine.current();
        out.println(human(machine, results));
        if (json) {
            out.println(json(machine, results));
        }
        return 0;
    }

    static String human(Machine machine, Collection<RunResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("jmh: OpenFlow encode/decode, messages per second on one thread (score +- 99.9% error)");
        lines.add("machine: " + machine.describe());
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            lines.add(String.format(Locale.ROOT, "%-28s %-6s %,14.0f +- %,12.0f %s", shortName(r),
                    r.getParams().getParam("version"), primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit()));
        }
        return String.join("\n", lines);
    }

    static String json(Machine machine, Collection<RunResult> results) {
        List<Object> list = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", shortName(r));
            m.put("version", r.getParams().getParam("version"));
            m.put("score", primary.getScore());
            m.put("error", primary.getScoreError());
            m.put("unit", primary.getScoreUnit());
            m.put("iterations", primary.getSampleCount());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", "jmh");
        root.put("results", list);
        root.put("machine", machine.toJson());
        return Json.write(root);
    }

    private static String shortName(RunResult r) {
        String name = r.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

package io.weft.bench.install;

import io.weft.bench.BenchOptions;
import io.weft.bench.Machine;
import io.weft.metrics.Counters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weft bench install}. */
@Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The rate at which flow rules reach switches and are confirmed by barrier.",
            "",
            "Weft: its OpenFlow southbound runs in this process and the bench hands each batch to"
                    + " FlowRuleService.apply (flow mods, then a barrier per apply); the batch's time runs from the"
                    + " first rule handed over until every apply's future completed, i.e. every barrier was"
                    + " answered. Reference, in the same run: the same rules, pre-encoded as Weft encodes them,"
                    + " written by a plain Netty server to the same kind of switches, then a barrier - the switches'"
                    + " raw receive rate, the ceiling. The emulated switches count every flow mod and answer"
                    + " barriers; each batch must arrive whole, or the run fails.",
            "",
            "Rules match in port, source MAC (unique per rule) and destination MAC, and output to a port;"
                    + " a batch is shared evenly among the switches. Both installers get fresh switches."
        })
public final class InstallCommand implements Callable<Integer> {
    @Mixin
    BenchOptions common;

    @Option(names = "--switches", paramLabel = "N", description = "emulated switches (default: ${DEFAULT-VALUE})")
    int switches = 16;

    @Option(names = "--rules", paramLabel = "N[,N...]", split = ",",
            description = "batch sizes, rules over all switches (default: 10000,100000,1000000)")
    List<Integer> batches = List.of(10_000, 100_000, 1_000_000);

    @Option(names = "--rules-per-apply", paramLabel = "K",
            description = "rules per FlowRuleService.apply call, each ended by a barrier; 0: a switch's whole share"
                    + " in one call (default: ${DEFAULT-VALUE})")
    int perApply = 0;

    @Option(names = "--repeats", paramLabel = "N", description = "installs of each batch (default: ${DEFAULT-VALUE})")
    int repeats = 5;

    @Option(names = "--warmup-rules", paramLabel = "N",
            description = "rules installed once by each installer before measuring, not counted (default: ${DEFAULT-VALUE})")
    int warmupRules = 200_000;

    @Option(names = "--threads", paramLabel = "T",
            description = "event-loop threads of the emulated switches (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Override
    public Integer call() throws Exception {
        InstallSettings settings;
        try {
            settings = new InstallSettings(common.version(), switches, 4, batches, perApply, repeats, warmupRules,
                    Duration.ofMillis(5), threads, Duration.ofMinutes(10));
        } catch (IllegalArgumentException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 2;
        }
        Machine machine = Machine.current();
        Counters counters = new Counters();
        InstallRun run = new InstallRun(settings, common.progress(), counters);
        InstallResult weft;
        InstallResult reference;
        try {
            weft = run.measureWeft();
            reference = run.measureRaw();
        } catch (IllegalStateException e) {
            System.err.println("weft bench: " + e.getMessage());
            return 1;
        }
        System.out.println(InstallReport.human(settings, machine, weft, reference));
        if (common.json()) {
            System.out.println(InstallReport.json(settings, machine, weft, reference));
        }
        return 0;
    }
}

package io.weft.bench.install;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.weft.bench.CpuMeter;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.ofswitch.SwitchFleet;
import io.weft.bench.process.InProcessSouthbound;
import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.device.DeviceIds;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.onosproject.net.DeviceId;

/**
 * Installs each batch of rules, {@code repeats} times, once through Weft's flow-rule service
 * and once through the raw writer, into fresh fleets of emulated switches. A batch's time
 * runs from the first rule handed over to the last barrier confirmed; building the rules
 * (the app's work) and encoding the raw writer's bytes happen before it. After each batch
 * the switches must have received exactly its rules.
 */
final class InstallRun {
    private final InstallSettings settings;
    private final Progress progress;
    private final Counters counters;
    private final CpuMeter cpu = new CpuMeter(OptionalLong.empty());

    InstallRun(InstallSettings settings, Progress progress, Counters counters) {
        this.settings = settings;
        this.progress = progress;
        this.counters = counters;
    }

    InstallResult measureWeft() throws InterruptedException {
        List<CountingSwitch> switches = new CopyOnWriteArrayList<>();
        List<InstallResult.Batch> batches = new ArrayList<>();
        try (InProcessSouthbound weft = new InProcessSouthbound()) {
            InetSocketAddress address = weft.start();
            try (SwitchFleet fleet = connect(address, switches)) {
                await("every switch connected to Weft", () -> weft.activeDevices().size() == settings.switches());
                FlowRuleService flowRules = weft.flowRules();
                if (settings.warmupRules() > 0) {
                    installThroughWeft(flowRules, fleet, switches, settings.warmupRules(), 1, "warm-up");
                }
                for (int batch : settings.batches()) {
                    batches.add(installThroughWeft(flowRules, fleet, switches, batch, settings.repeats(), "weft"));
                }
            }
            weft.counters().snapshot().forEach((name, value) -> counters.add("weft." + name, value));
        }
        return new InstallResult("weft", List.copyOf(batches));
    }

    /** Installs {@code batch} rules {@code repeats} times through Weft; the rate of each. */
    private InstallResult.Batch installThroughWeft(FlowRuleService flowRules, SwitchFleet fleet, List<CountingSwitch> switches,
                                            int batch, int repeats, String label) throws InterruptedException {
        List<DeviceId> devices = new ArrayList<>();
        List<List<List<FlowOperation>>> applies = new ArrayList<>();
        for (int i = 0; i < settings.switches(); i++) {
            DeviceId device = DeviceIds.fromDatapathId(fleet.switches().get(i).profile().datapathId());
            int share = settings.share(batch, i);
            devices.add(device);
            applies.add(RuleSet.operations(device, fleet.switches().get(i).profile().index(), share,
                    settings.perApply() == 0 ? share : settings.perApply(), settings.ports()));
        }
        List<Double> rates = new ArrayList<>();
        CpuTotal cpuTotal = new CpuTotal();
        for (int r = 1; r <= repeats; r++) {
            long before = received(switches);
            CpuMeter.Snapshot cpuStart = cpu.snapshot();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> confirmed = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                for (List<FlowOperation> apply : applies.get(i)) {
                    confirmed.add(flowRules.apply(devices.get(i), apply));
                }
            }
            join(CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new)), "Weft", batch);
            double rate = rate(batch, start);
            cpuTotal.add(cpu.between(cpuStart, cpu.snapshot()), start);
            check("Weft", batch, received(switches) - before);
            rates.add(rate);
            progress.report(String.format(Locale.ROOT, "%s: %,d rules, repeat %d/%d: %,.0f rules/s", label, batch, r,
                    repeats, rate));
        }
        return new InstallResult.Batch(batch, List.copyOf(rates), cpuTotal.benchSeconds, cpuTotal.othersCores());
    }

    InstallResult measureRaw() throws InterruptedException {
        List<CountingSwitch> switches = new CopyOnWriteArrayList<>();
        List<InstallResult.Batch> batches = new ArrayList<>();
        try (RawFlowModWriter writer = new RawFlowModWriter(settings.version(), 1, counters)) {
            InetSocketAddress address = writer.start();
            try (SwitchFleet fleet = connect(address, switches)) {
                await("every switch connected to the raw writer", () -> writer.connections() == settings.switches());
                if (settings.warmupRules() > 0) {
                    installRaw(writer, fleet, switches, settings.warmupRules(), 1, "warm-up (raw)");
                }
                for (int batch : settings.batches()) {
                    batches.add(installRaw(writer, fleet, switches, batch, settings.repeats(), "reference"));
                }
            }
        }
        return new InstallResult("reference", List.copyOf(batches));
    }

    /** Writes {@code batch} pre-encoded rules {@code repeats} times; the rate of each. */
    private InstallResult.Batch installRaw(RawFlowModWriter writer, SwitchFleet fleet, List<CountingSwitch> switches,
                                    int batch, int repeats, String label) throws InterruptedException {
        // Connections are in accept order, which is the switches' connect order.
        List<ByteBuf> encoded = new ArrayList<>();
        for (int i = 0; i < settings.switches(); i++) {
            ByteBuf buf = Unpooled.directBuffer();
            RuleSet.encode(buf, settings.version(), fleet.switches().get(i).profile().index(), settings.share(batch, i),
                    settings.ports());
            encoded.add(buf);
        }
        List<Double> rates = new ArrayList<>();
        CpuTotal cpuTotal = new CpuTotal();
        try {
            for (int r = 1; r <= repeats; r++) {
                long before = received(switches);
                CpuMeter.Snapshot cpuStart = cpu.snapshot();
                long start = System.nanoTime();
                join(writer.send(encoded), "the raw writer", batch);
                double rate = rate(batch, start);
                cpuTotal.add(cpu.between(cpuStart, cpu.snapshot()), start);
                check("the raw writer", batch, received(switches) - before);
                rates.add(rate);
                progress.report(String.format(Locale.ROOT, "%s: %,d rules, repeat %d/%d: %,.0f rules/s", label, batch,
                        r, repeats, rate));
            }
        } finally {
            encoded.forEach(ByteBuf::release);
        }
        return new InstallResult.Batch(batch, List.copyOf(rates), cpuTotal.benchSeconds, cpuTotal.othersCores());
    }

    /** CPU of the repeats of one batch: the bench process's seconds, and other processes' cores on average. */
    private static final class CpuTotal {
        double benchSeconds;
        double othersCoreSeconds;
        double seconds;

        void add(CpuMeter.Share share, long startNanos) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            benchSeconds += share.bench() * elapsed;
            othersCoreSeconds += share.others() * elapsed;
            seconds += elapsed;
        }

        double othersCores() {
            return seconds == 0 ? 0 : othersCoreSeconds / seconds;
        }
    }

    private SwitchFleet connect(InetSocketAddress address, List<CountingSwitch> switches) throws InterruptedException {
        return SwitchFleet.connect(address, settings.switches(), settings.version(), settings.ports(),
                settings.connectInterval(), settings.threads(), profile -> {
                    CountingSwitch sw = new CountingSwitch();
                    switches.add(sw);
                    return sw;
                }, counters);
    }

    private void join(CompletableFuture<?> all, String who, int batch) throws InterruptedException {
        try {
            all.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            counters.increment("bench.install.failures");
            throw new IllegalStateException(who + " failed to install a batch of " + batch + " rules: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            counters.increment("bench.install.timeouts");
            throw new IllegalStateException(who + " did not confirm a batch of " + batch + " rules within "
                    + settings.timeout().toSeconds() + " s");
        }
    }

    private void check(String who, int batch, long received) {
        if (received != batch) {
            counters.increment("bench.install.miscounts");
            throw new IllegalStateException("the switches received " + received + " flow mods from " + who
                    + " for a confirmed batch of " + batch);
        }
    }

    private static double rate(int rules, long startNanos) {
        return rules * 1e9 / (System.nanoTime() - startNanos);
    }

    private static long received(List<CountingSwitch> switches) {
        return switches.stream().mapToLong(CountingSwitch::flowMods).sum();
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}

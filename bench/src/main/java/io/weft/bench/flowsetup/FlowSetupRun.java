package io.weft.bench.flowsetup;

import io.weft.bench.CpuMeter;
import io.weft.bench.ofswitch.SwitchFleet;
import io.weft.metrics.Counters;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures one controller: connects the switches, lets the controller learn each switch's
 * destination host, starts every switch at once, runs the warm-up rounds, then the measured
 * rounds, and stops. A round's rate is the packet-ins the whole fleet had answered at its
 * end, less those at its start, over its measured length.
 */
public final class FlowSetupRun {
    private final FlowSetupSettings settings;
    private final Progress progress;
    private final Counters counters;

    public FlowSetupRun(FlowSetupSettings settings, Progress progress, Counters counters) {
        this.settings = settings;
        this.progress = progress;
        this.counters = counters;
    }

    public FlowSetupResult measure(String label, InetSocketAddress controller) throws InterruptedException {
        return measure(label, controller, OptionalLong.empty());
    }

    /** {@code controllerPid}: the controller's process, whose CPU time is reported apart. */
    public FlowSetupResult measure(String label, InetSocketAddress controller, OptionalLong controllerPid)
            throws InterruptedException {
        CpuMeter cpu = new CpuMeter(controllerPid);
        List<FlowSetupSwitch> switches = new CopyOnWriteArrayList<>();
        progress.report(label + ": connecting " + settings.switches() + " switches to " + controller.getHostString()
                + ":" + controller.getPort());
        try (SwitchFleet fleet = SwitchFleet.connect(controller, settings.switches(), settings.version(),
                settings.ports(), settings.connectInterval(), settings.threads(), profile -> {
                    FlowSetupSwitch sw = new FlowSetupSwitch(profile, settings, System::nanoTime);
                    switches.add(sw);
                    return sw;
                }, counters)) {
            awaitLearned(label, switches);
            switches.forEach(FlowSetupSwitch::start);
            long roundNanos = settings.roundLength().toNanos();
            for (int r = 1; r <= settings.warmupRounds(); r++) {
                double rate = round(switches, roundNanos);
                progress.report(String.format("%s: warm-up round %d/%d: %,.0f answered/s", label, r,
                        settings.warmupRounds(), rate));
            }
            onEachLoop(switches, sw -> sw.resetTally(settings.latencyMode()));
            List<Double> rates = new ArrayList<>();
            CpuMeter.Snapshot cpuStart = cpu.snapshot();
            for (int r = 1; r <= settings.rounds(); r++) {
                double rate = round(switches, roundNanos);
                rates.add(rate);
                progress.report(String.format("%s: round %d/%d: %,.0f answered/s", label, r, settings.rounds(), rate));
            }
            CpuMeter.Share cpuShare = cpu.between(cpuStart, cpu.snapshot());
            onEachLoop(switches, FlowSetupSwitch::stop);
            Tally tally = Tally.ZERO;
            List<long[]> samples = new ArrayList<>();
            for (FlowSetupSwitch sw : switches) {
                tally = tally.plus(sw.tally());
                samples.add(sw.latencySamples());
            }
            long[] latencies = settings.latencyMode()
                    ? samples.stream().flatMapToLong(Arrays::stream).sorted().toArray() : new long[0];
            return new FlowSetupResult(label, rates, tally, settings.switches(), fleet.connected(),
                    CpuMeter.available() ? Optional.of(cpuShare) : Optional.empty(), latencies, 1);
        }
    }

    private void awaitLearned(String label, List<FlowSetupSwitch> switches) throws InterruptedException {
        CompletableFuture<?>[] learned = switches.stream().map(FlowSetupSwitch::learned)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(learned).get(settings.learnTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            List<String> waiting = switches.stream().filter(s -> !s.learned().isDone())
                    .map(s -> s.profile().name()).toList();
            counters.increment("bench.flow_setup.learn_timeouts");
            throw new IllegalStateException(label + " did not answer the first packet-in of " + waiting.size()
                    + " switch(es) within " + settings.learnTimeout().toSeconds() + " s: " + waiting);
        } catch (ExecutionException e) {
            throw new IllegalStateException(label + ": " + e.getCause().getMessage(), e.getCause());
        }
        progress.report(label + ": every switch's destination host is known; measuring");
    }

    /** Runs {@code action} on each switch's event loop and waits for all of them. */
    private static void onEachLoop(List<FlowSetupSwitch> switches, java.util.function.Consumer<FlowSetupSwitch> action)
            throws InterruptedException {
        for (FlowSetupSwitch sw : switches) {
            try {
                sw.onLoop(() -> action.accept(sw)).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("switch " + sw.profile().name() + " did not respond", e);
            }
        }
    }

    private static double round(List<FlowSetupSwitch> switches, long roundNanos) {
        long start = System.nanoTime();
        long before = answered(switches);
        long deadline = start + roundNanos;
        long now;
        while ((now = System.nanoTime()) < deadline) {
            LockSupport.parkNanos(deadline - now);
        }
        long after = answered(switches);
        long end = System.nanoTime();
        return (after - before) * 1e9 / (end - start);
    }

    private static long answered(List<FlowSetupSwitch> switches) {
        long total = 0;
        for (FlowSetupSwitch sw : switches) {
            total += sw.answeredTotal();
        }
        return total;
    }
}

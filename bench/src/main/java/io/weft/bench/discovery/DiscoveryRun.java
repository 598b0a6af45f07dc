package io.weft.bench.discovery;

import io.weft.bench.CpuMeter;
import io.weft.bench.fabric.EmulatedFabric;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.ofswitch.SwitchFleet;
import io.weft.bench.rest.ControllerUnderTest;
import io.weft.bench.rest.HeapProbe;
import io.weft.metrics.Counters;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One discovery run: connects an emulated fabric to the controller, times how long until its
 * REST API reports every link, measures its heap with the fabric connected, then the
 * re-route rounds.
 */
final class DiscoveryRun {
    private final DiscoveryPlan plan;
    private final Progress progress;

    DiscoveryRun(DiscoveryPlan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    DiscoveryResult measure(String label, Fabric fabric, ControllerUnderTest controller, boolean measureHeap)
            throws InterruptedException {
        Counters counters = new Counters();
        EmulatedFabric emulated = new EmulatedFabric(fabric, plan.version(), counters);
        int expected = fabric.expectedLinks().size();
        progress.report(String.format(Locale.ROOT, "%s: %s, %,d switches, %,d cables (%,d links)", label, fabric.name(),
                fabric.switches(), fabric.cables().size(), expected));
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        Optional<CpuMeter> cpu = CpuMeter.available() ? Optional.of(new CpuMeter(controller.pid())) : Optional.empty();
        try (LinkPoller poller = new LinkPoller(controller.rest(), fabric.expectedLinks(), plan.poll(), counters)) {
            long first = System.nanoTime();
            Optional<CpuMeter.Snapshot> discoveryStart = cpu.map(CpuMeter::snapshot);
            poller.start();
            reporter.scheduleAtFixedRate(() -> progress.report(String.format(Locale.ROOT,
                    "%s: %.1f s: %,d/%,d switches known to the controller, %,d/%,d links reported", label,
                    (System.nanoTime() - first) / 1e9, emulated.readySwitches(), fabric.switches(), poller.known(),
                    expected)), 1, 1, TimeUnit.SECONDS);
            try (SwitchFleet fleet = SwitchFleet.connect(controller.openflow(), fabric.switches(), plan.version(),
                    fabric.ports(), plan.connectInterval(), plan.threads(), emulated::behaviour, counters)) {
                boolean complete = poller.awaitComplete(plan.timeout());
                // Its requests cost the controller CPU (every link, every poll interval): none while re-routing.
                poller.close();
                Optional<CpuMeter.Share> discoveryCpu = cpu.map(m -> m.between(discoveryStart.get(), m.snapshot()));
                long all = poller.completeAt();
                OptionalLong probed = emulated.everySwitchProbedAt();
                OptionalLong firstConnected = emulated.firstConnectedAt();
                OptionalLong lastConnected = emulated.everySwitchConnectedAt();
                complete = complete && firstConnected.isPresent() && lastConnected.isPresent();
                reporter.shutdownNow();
                if (!complete) {
                    progress.report(String.format(Locale.ROOT, "%s: only %,d of %,d links after %d s", label,
                            poller.known(), expected, plan.timeout().toSeconds()));
                }
                checkAlive(controller);
                Optional<HeapProbe.Heap> heap = Optional.empty();
                Optional<Boolean> answered = Optional.empty();
                if (measureHeap && controller.pid().isPresent()) {
                    heap = Optional.of(heap(controller.pid().getAsLong()));
                    answered = Optional.of(answersWithEveryLink(controller, fabric));
                }
                List<RerouteRun.Round> reroutes = List.of();
                OptionalLong pathInstalled = OptionalLong.empty();
                Optional<CpuMeter.Share> rerouteCpu = Optional.empty();
                String note = "";
                if (plan.rerouteRounds() == 0) {
                    note = "not asked for (--reroute-rounds 0)";
                } else if (!complete) {
                    note = "not measured: discovery did not complete";
                } else if (!RerouteRun.applies(fabric)) {
                    note = "not measured: " + fabric.name() + " has no two host ports on different switches";
                } else {
                    RerouteRun reroute = new RerouteRun(emulated, controller.rest(), progress);
                    Optional<CpuMeter.Snapshot> rerouteStart = cpu.map(CpuMeter::snapshot);
                    try {
                        reroutes = reroute.run(plan.rerouteWarmup(), plan.rerouteRounds(), plan.timeout(),
                                plan.rerouteTimeout());
                    } catch (IllegalStateException e) {
                        note = "FAILED: " + e.getMessage();
                        reroutes = reroute.completed();
                        progress.report("re-route " + note);
                    }
                    pathInstalled = reroute.pathInstalledAfter();
                    rerouteCpu = cpu.map(m -> m.between(rerouteStart.get(), m.snapshot()));
                }
                checkAlive(controller);
                return new DiscoveryResult(label, fabric, (int) fleet.connected(),
                        complete ? lastConnected.getAsLong() - firstConnected.getAsLong() : 0,
                        complete ? OptionalLong.of(all - firstConnected.getAsLong()) : OptionalLong.empty(),
                        complete ? OptionalLong.of(all - lastConnected.getAsLong()) : OptionalLong.empty(),
                        complete && probed.isPresent() ? OptionalLong.of(all - probed.getAsLong()) : OptionalLong.empty(),
                        poller.known(), expected, poller.unexpected(), poller.polls(), poller.slowestPoll(), heap,
                        answered, pathInstalled, reroutes, note, discoveryCpu, rerouteCpu, counters.snapshot());
            }
        } finally {
            reporter.shutdownNow();
        }
    }

    private HeapProbe.Heap heap(long pid) throws InterruptedException {
        progress.report("heap: jcmd " + pid + " GC.run, then GC.heap_info");
        try {
            return HeapProbe.measure(pid);
        } catch (IOException e) {
            throw new IllegalStateException("could not measure the controller's heap: " + e.getMessage(), e);
        }
    }

    /** After a full GC under a heap limit, the controller must still be up and report the whole fabric. */
    private static boolean answersWithEveryLink(ControllerUnderTest controller, Fabric fabric)
            throws InterruptedException {
        try {
            return controller.rest().links().containsAll(fabric.expectedLinks());
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkAlive(ControllerUnderTest controller) {
        if (!controller.isAlive()) {
            throw new IllegalStateException("the controller exited during the run; its output:\n"
                    + controller.logTail());
        }
    }
}

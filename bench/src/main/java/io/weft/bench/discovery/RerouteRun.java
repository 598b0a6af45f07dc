package io.weft.bench.discovery;

import io.weft.bench.fabric.Cable;
import io.weft.bench.fabric.EmulatedFabric;
import io.weft.bench.fabric.EmulatedHost;
import io.weft.bench.fabric.Endpoint;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.fabric.FlowModListener;
import io.weft.bench.fabric.Trace;
import io.weft.bench.fabric.Wiring;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.rest.RestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Re-route rounds on a discovered fabric. Two hosts talk, at the first host port and the one
 * farthest from it, so that the controller's path forwarding installs their path both ways;
 * then, each round, the cable in
 * the middle of their path is cut (both ends send PORT_STATUS with LINK_DOWN) and the round
 * measures, at the switches, how long until the flow mods they received carry the
 * conversation around the cut both ways and no rule of it is left on the cut ports. Then the
 * cable is plugged back in, and the next round waits until the controller has found it again
 * and its flow mods have settled.
 *
 * <p>On a fabric with no way around the cable (a line), a round completes when the rules on
 * the cut ports are gone.
 */
final class RerouteRun {
    /** How long without a flow mod counts as settled. */
    static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration RETRY = Duration.ofMillis(500);

    /** One cut cable: all times from just before the cut, in nanoseconds. */
    record Round(String cable, int pathHops, boolean alternative, boolean warmup, OptionalLong complete,
                 OptionalLong firstFlowMod, OptionalLong lastFlowMod, int flowMods, int deletes) {
    }

    private final EmulatedFabric fabric;
    private final RestClient rest;
    private final Progress progress;
    private final EmulatedHost h1;
    private final EmulatedHost h2;
    private final Set<Long> macs;
    private final List<Round> completed = new ArrayList<>();
    private long pathInstalledAfter = -1;

    RerouteRun(EmulatedFabric fabric, RestClient rest, Progress progress) {
        List<Endpoint> hostPorts = fabric.fabric().hostPorts();
        if (hostPorts.size() < 2) {
            throw new IllegalArgumentException(fabric.fabric().name() + " has fewer than two host ports");
        }
        this.fabric = fabric;
        this.rest = rest;
        this.progress = progress;
        this.h1 = new EmulatedHost(1, hostPorts.get(0));
        this.h2 = new EmulatedHost(2, farthest(fabric.wiring(), hostPorts));
        this.macs = Set.of(h1.mac(), h2.mac());
    }

    /** True if re-routes can be measured on {@code fabric}: host ports on two switches a cable path apart. */
    static boolean applies(Fabric fabric) {
        List<Endpoint> hosts = fabric.hostPorts();
        return hosts.size() >= 2 && farthest(new Wiring(fabric), hosts).switchIndex() != hosts.get(0).switchIndex();
    }

    /** The host port farthest in hops from the first one, so the path is long; the last of those tied. */
    static Endpoint farthest(Wiring wiring, List<Endpoint> hostPorts) {
        Map<Integer, Integer> hops = wiring.hopsFrom(hostPorts.get(0).switchIndex());
        Endpoint best = hostPorts.get(0);
        for (Endpoint port : hostPorts) {
            if (hops.getOrDefault(port.switchIndex(), -1) >= hops.getOrDefault(best.switchIndex(), -1)) {
                best = port;
            }
        }
        return best;
    }

    /**
     * @param settleTimeout how long the hosts may take to get their path at first: a controller
     *                      still busy with the fabric it just discovered may take a while
     * @param timeout       how long one re-route, or the recovery after it, may take
     */
    List<Round> run(int warmup, int rounds, Duration settleTimeout, Duration timeout) throws InterruptedException {
        progress.report("re-route: hosts at " + h1.at() + " and " + h2.at() + " start talking");
        long start = System.nanoTime();
        establish(settleTimeout);
        pathInstalledAfter = System.nanoTime() - start;
        progress.report(String.format(Locale.ROOT, "re-route: the hosts' path is in place both ways after %.2f s",
                pathInstalledAfter / 1e9));
        for (int i = 0; i < warmup + rounds; i++) {
            Round round = round(i < warmup, timeout);
            completed.add(round);
            progress.report(String.format(Locale.ROOT, "re-route %s %d/%d: cut %s (path of %d hops): %s, first flow"
                            + " mod after %s, %d flow mods (%d deletes)", round.warmup() ? "warm-up" : "round",
                    round.warmup() ? i + 1 : i - warmup + 1, round.warmup() ? warmup : rounds, round.cable(),
                    round.pathHops(), millis(round.complete()), millis(round.firstFlowMod()), round.flowMods(),
                    round.deletes()));
        }
        return completed();
    }

    /** From the hosts' first frames until their path was in place both ways; empty if it never was. */
    OptionalLong pathInstalledAfter() {
        return pathInstalledAfter < 0 ? OptionalLong.empty() : OptionalLong.of(pathInstalledAfter);
    }

    /** The rounds done so far: all of them after {@link #run}, fewer if it failed. */
    List<Round> completed() {
        return List.copyOf(completed);
    }

    private Round round(boolean warmup, Duration timeout) throws InterruptedException {
        Trace before = there();
        if (!before.delivered()) {
            throw new IllegalStateException("the hosts' path is not in place before the cut: " + before.outcome());
        }
        List<Cable> path = before.cables(fabric.wiring());
        Cable cable = path.get(path.size() / 2);
        boolean alternative = fabric.wiring().reachable(h1.at().switchIndex(), h2.at().switchIndex(), cable);
        Set<Endpoint> ends = Set.of(cable.a(), cable.b());
        BooleanSupplier done = () -> fabric.rulesAt(ends, macs) == 0
                && (!alternative || there().delivered() && back().delivered());
        RerouteWatch watch = new RerouteWatch(System.nanoTime(), done);
        fabric.setFlowModListener(watch);
        fabric.cut(cable);
        watch.await(timeout);
        watch.awaitQuiet(QUIET, timeout);
        fabric.setFlowModListener(FlowModListener.NONE);
        Round round = new Round(cable.toString(), path.size(), alternative, warmup, watch.completeAfterNanos(),
                watch.firstFlowModAfterNanos(), watch.lastFlowModAfterNanos(), watch.flowMods(), watch.deletes());
        restore(cable, timeout);
        return round;
    }

    /** Plugs the cable back in and waits until the controller knows it again and has settled. */
    private void restore(Cable cable, Duration timeout) throws InterruptedException {
        RerouteWatch settle = new RerouteWatch(System.nanoTime(), () -> false);
        fabric.setFlowModListener(settle);
        fabric.restore(cable);
        Set<String> links = Set.of(Fabric.linkKey(cable.a(), cable.b()), Fabric.linkKey(cable.b(), cable.a()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!linksKnown(links)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the controller did not find the restored cable " + cable + " within "
                        + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        settle.awaitQuiet(QUIET, timeout);
        fabric.setFlowModListener(FlowModListener.NONE);
        if (!there().delivered() || !back().delivered()) {
            establish(timeout);
        }
    }

    private boolean linksKnown(Set<String> links) throws InterruptedException {
        try {
            return rest.links().containsAll(links);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Has the hosts talk until their path is in place both ways: h1 first, so the controller
     * learns it (its frame to h2, unknown yet, is flooded), then h2, whose frame to a known
     * host makes the controller install the path both ways. Returns once the flow mods have
     * stopped coming: each frame may have the controller install the path again, and a flow mod
     * still on its way when a round starts would be taken for part of the re-route.
     */
    private void establish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RerouteWatch settle = new RerouteWatch(System.nanoTime(), () -> false);
        fabric.setFlowModListener(settle);
        try {
            while (!talk()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no path between the hosts within " + timeout.toSeconds()
                            + " s: " + h1.at() + " -> " + h2.at() + ": " + there().outcome() + "; back: "
                            + back().outcome());
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            settle.awaitQuiet(QUIET, timeout);
        } finally {
            fabric.setFlowModListener(FlowModListener.NONE);
        }
    }

    /** One exchange of frames; true if the path is in place both ways within {@link #RETRY}. */
    private boolean talk() {
        fabric.hostSends(h1.at(), h1.frameTo(h2));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        fabric.hostSends(h2.at(), h2.frameTo(h1));
        long retry = System.nanoTime() + RETRY.toNanos();
        while (System.nanoTime() < retry) {
            if (there().delivered() && back().delivered()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return false;
    }

    private Trace there() {
        return fabric.trace(h1.at(), h1.mac(), h2.mac(), h2.at());
    }

    private Trace back() {
        return fabric.trace(h2.at(), h2.mac(), h1.mac(), h1.at());
    }

    static String millis(OptionalLong nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.1f ms", nanos.getAsLong() / 1e6) : "never";
    }
}

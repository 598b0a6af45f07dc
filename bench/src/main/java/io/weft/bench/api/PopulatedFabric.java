package io.weft.bench.api;

import io.weft.bench.fabric.EmulatedFabric;
import io.weft.bench.fabric.EmulatedHost;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.ofswitch.SwitchFleet;
import io.weft.bench.rest.ControllerUnderTest;
import io.weft.bench.rest.RestClient;
import io.weft.metrics.Counters;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * An emulated fabric connected to the controller, its links discovered and a host learned at
 * each of its first host ports, as the REST API reports them: what the api mode reads.
 */
final class PopulatedFabric implements AutoCloseable {
    private static final Duration CONNECT_INTERVAL = Duration.ofMillis(2);
    private static final Duration RESEND = Duration.ofMillis(500);

    private final SwitchFleet fleet;
    private final int hosts;

    private PopulatedFabric(SwitchFleet fleet, int hosts) {
        this.fleet = fleet;
        this.hosts = hosts;
    }

    static PopulatedFabric connect(ControllerUnderTest controller, Fabric fabric, OFVersion version, int hosts,
                                   Duration timeout, Progress progress, Counters counters)
            throws InterruptedException {
        if (hosts > fabric.hostPorts().size()) {
            throw new IllegalArgumentException(fabric.name() + " has " + fabric.hostPorts().size()
                    + " host ports, fewer than " + hosts + " hosts");
        }
        EmulatedFabric emulated = new EmulatedFabric(fabric, version, counters);
        progress.report(String.format(Locale.ROOT, "api: connecting %s (%,d switches), then %,d hosts", fabric.name(),
                fabric.switches(), hosts));
        SwitchFleet fleet = SwitchFleet.connect(controller.openflow(), fabric.switches(), version, fabric.ports(),
                CONNECT_INTERVAL, 1, emulated::behaviour, counters);
        try {
            RestClient rest = controller.rest();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!rest.links().containsAll(fabric.expectedLinks())) {
                check(deadline, timeout, "every link of " + fabric.name());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            List<EmulatedHost> all = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                all.add(new EmulatedHost(i + 1, fabric.hostPorts().get(i)));
            }
            // Edge ports settle before hosts are learned there, so the hosts speak until all are known.
            while (rest.count("/api/v1/hosts", "hosts") < hosts) {
                check(deadline, timeout, hosts + " hosts");
                all.forEach(h -> emulated.hostSends(h.at(), h.broadcast()));
                LockSupport.parkNanos(RESEND.toNanos());
            }
            progress.report(String.format(Locale.ROOT, "api: %,d devices, %,d links, %,d hosts known",
                    fabric.switches(), fabric.expectedLinks().size(), hosts));
            return new PopulatedFabric(fleet, hosts);
        } catch (IOException e) {
            fleet.close();
            throw new IllegalStateException("the REST API failed while the fabric was populated: " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            fleet.close();
            throw e;
        }
    }

    private static void check(long deadline, Duration timeout, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the controller did not report " + what + " within " + timeout.toSeconds()
                    + " s");
        }
    }

    int hosts() {
        return hosts;
    }

    @Override
    public void close() {
        fleet.close();
    }
}

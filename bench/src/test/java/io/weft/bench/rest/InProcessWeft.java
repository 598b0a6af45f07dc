package io.weft.bench.rest;

import io.weft.controller.DiscoverySettings;
import io.weft.controller.ForwardingMode;
import io.weft.controller.Weft;
import io.weft.controller.WeftConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Weft wired in the test's process, on loopback ports of its own with path forwarding and a
 * known admin token, probing every {@link #PROBE_INTERVAL} and settling edge ports as fast, so
 * that a test of a discovery or api run takes seconds.
 */
public final class InProcessWeft implements AutoCloseable {
    public static final String TOKEN = "bench-test-token-0123456789";
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(300);

    private final Weft weft;

    public InProcessWeft(Path dataDir) throws InterruptedException {
        WeftConfig d = WeftConfig.DEFAULTS;
        WeftConfig config = new WeftConfig(dataDir, d.openflow().withAddress("127.0.0.1").withPort(0),
                ForwardingMode.PATH, d.forwarding(), new DiscoverySettings(PROBE_INTERVAL, Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofMillis(300), Optional.empty()), d.hosts(), d.packetInQueue(),
                d.workerThreads(), d.api().withAddress("127.0.0.1").withPort(0).withAdminToken(TOKEN), d.events(),
                d.flowAuditInterval(), d.statsInterval(), d.foreignRules(), d.flowRetry());
        this.weft = new Weft(config).start();
    }

    public Weft weft() {
        return weft;
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + weft.apiAddress().getPort());
    }

    /** The controller as the bench's modes take one that is already running. */
    public ControllerUnderTest controller() {
        return ControllerUnderTest.running(weft.openflowAddress(), api(), TOKEN, Optional.empty());
    }

    @Override
    public void close() throws InterruptedException {
        weft.close();
    }
}

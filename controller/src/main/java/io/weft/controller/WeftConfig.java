package io.weft.controller;

import io.weft.apps.forwarding.ForwardingConfig;
import io.weft.northbound.ApiConfig;
import io.weft.southbound.openflow.OpenFlowConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the controller is configured with; {@link #DEFAULTS} are the embedded defaults.
 *
 * @param packetInQueue  packet-ins waiting for the apps before new ones are dropped (counted)
 * @param workerThreads  threads that run apps and event listeners
 * @param api            the REST API's address, port and, if configured, admin token
 */
public record WeftConfig(Path dataDir, OpenFlowConfig openflow, ForwardingConfig forwarding, int packetInQueue,
                         int workerThreads, ApiConfig api) {
    public static final WeftConfig DEFAULTS = new WeftConfig(Path.of("weft-data"), OpenFlowConfig.DEFAULTS,
            ForwardingConfig.DEFAULTS, 10_000, 2, ApiConfig.DEFAULTS);

    public WeftConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(openflow, "openflow");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(api, "api");
        if (packetInQueue < 1) {
            throw new IllegalArgumentException("must be at least 1, was " + packetInQueue);
        }
        if (workerThreads < 1 || workerThreads > 256) {
            throw new IllegalArgumentException("must be within 1..256, was " + workerThreads);
        }
    }

    WeftConfig withDataDir(Path dir) {
        return new WeftConfig(dir, openflow, forwarding, packetInQueue, workerThreads, api);
    }

    WeftConfig withOpenflow(OpenFlowConfig config) {
        return new WeftConfig(dataDir, config, forwarding, packetInQueue, workerThreads, api);
    }

    WeftConfig withApi(ApiConfig config) {
        return new WeftConfig(dataDir, openflow, forwarding, packetInQueue, workerThreads, config);
    }
}

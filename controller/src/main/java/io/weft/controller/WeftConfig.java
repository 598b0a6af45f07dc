package io.weft.controller;

import io.weft.apps.forwarding.ForwardingConfig;
import io.weft.northbound.ApiConfig;
import io.weft.northbound.events.EventJournalConfig;
import io.weft.southbound.audit.ForeignRules;
import io.weft.southbound.openflow.OpenFlowConfig;
import io.weft.southbound.retry.FlowRetryConfig;
import io.weft.topology.host.HostConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the controller is configured with; {@link #DEFAULTS} are the embedded defaults.
 *
 * @param packetInQueue  packet-ins waiting for the apps before new ones are dropped (counted)
 * @param workerThreads  threads that run apps and event listeners
 * @param api            the REST API's address, port and, if configured, admin token
 * @param events         how many events the journal holds for clients that resume, and for how many clients
 * @param flowAuditInterval how often every switch's rules are read back and repaired
 * @param statsInterval  how often every connected switch's port, flow and table statistics are polled
 * @param foreignRules   whether the audit removes rules whose cookie is not Weft's
 * @param flowRetry      how flow rules a switch refused or did not confirm are sent again
 */
public record WeftConfig(Path dataDir, OpenFlowConfig openflow, ForwardingMode forwardingMode,
                         ForwardingConfig forwarding, DiscoverySettings discovery, HostConfig hosts,
                         int packetInQueue, int workerThreads, ApiConfig api, EventJournalConfig events,
                         Duration flowAuditInterval, Duration statsInterval, ForeignRules foreignRules,
                         FlowRetryConfig flowRetry) {
    public static final WeftConfig DEFAULTS = new WeftConfig(Path.of("weft-data"), OpenFlowConfig.DEFAULTS,
            ForwardingMode.PATH, ForwardingConfig.DEFAULTS, DiscoverySettings.DEFAULTS, HostConfig.DEFAULTS,
            10_000, 2, ApiConfig.DEFAULTS, EventJournalConfig.DEFAULTS, Duration.ofSeconds(30),
            Duration.ofSeconds(10), ForeignRules.KEEP, FlowRetryConfig.DEFAULTS);

    public WeftConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(openflow, "openflow");
        Objects.requireNonNull(forwardingMode, "forwardingMode");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(flowAuditInterval, "flowAuditInterval");
        if (flowAuditInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("flow-audit-interval must be at least 1s, was " + flowAuditInterval);
        }
        Objects.requireNonNull(foreignRules, "foreignRules");
        Objects.requireNonNull(statsInterval, "statsInterval");
        if (statsInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("stats-interval must be at least 1s, was " + statsInterval);
        }
        Objects.requireNonNull(flowRetry, "flowRetry");
        if (packetInQueue < 1) {
            throw new IllegalArgumentException("must be at least 1, was " + packetInQueue);
        }
        if (workerThreads < 1 || workerThreads > 256) {
            throw new IllegalArgumentException("must be within 1..256, was " + workerThreads);
        }
    }

    WeftConfig withDataDir(Path dir) {
        return new WeftConfig(dir, openflow, forwardingMode, forwarding, discovery, hosts, packetInQueue,
                workerThreads, api, events, flowAuditInterval, statsInterval, foreignRules, flowRetry);
    }

    WeftConfig withOpenflow(OpenFlowConfig config) {
        return new WeftConfig(dataDir, config, forwardingMode, forwarding, discovery, hosts, packetInQueue,
                workerThreads, api, events, flowAuditInterval, statsInterval, foreignRules, flowRetry);
    }

    WeftConfig withForwardingMode(ForwardingMode mode) {
        return new WeftConfig(dataDir, openflow, mode, forwarding, discovery, hosts, packetInQueue, workerThreads,
                api, events, flowAuditInterval, statsInterval, foreignRules, flowRetry);
    }

    WeftConfig withApi(ApiConfig config) {
        return new WeftConfig(dataDir, openflow, forwardingMode, forwarding, discovery, hosts, packetInQueue,
                workerThreads, config, events, flowAuditInterval, statsInterval, foreignRules, flowRetry);
    }

    WeftConfig withStatsInterval(Duration interval) {
        return new WeftConfig(dataDir, openflow, forwardingMode, forwarding, discovery, hosts, packetInQueue,
                workerThreads, api, events, flowAuditInterval, interval, foreignRules, flowRetry);
    }
}

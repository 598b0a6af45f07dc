package io.weft.southbound.openflow;

import io.weft.metrics.Counters;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.stats.DeviceStats;
import io.weft.southbound.stats.StatsService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFStatsReply;

/**
 * Statistics over OpenFlow: a poll sends the port, flow and table statistics requests
 * together and completes when all three replies are whole, or fails with the first request that
 * fails; each request is bounded by the barrier timeout ({@link SwitchSession#request}), so a
 * poll always ends. A switch that refuses the table statistics request (some keep no table
 * counters) is reported without tables ({@code stats.tables.refused}).
 */
public final class OpenFlowStatsService implements StatsService {
    private final SwitchRegistry registry;
    private final Clock clock;
    private final Counters counters;

    public OpenFlowStatsService(SwitchRegistry registry, Clock clock, Counters counters) {
        this.registry = registry;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public CompletableFuture<DeviceStats> poll(DeviceId device) {
        Optional<SwitchSession> session = registry.session(device).filter(SwitchSession::isActive);
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(device));
        }
        OFFactory factory = session.get().factory();
        CompletableFuture<List<OFStatsReply>> ports = session.get().request(StatsTranslator.portStatsRequest(factory));
        CompletableFuture<List<OFStatsReply>> flows = session.get().request(StatsTranslator.flowStatsRequest(factory));
        CompletableFuture<List<OFStatsReply>> tables = session.get().request(StatsTranslator.tableStatsRequest(factory))
                .handle((parts, error) -> {
                    if (error == null) {
                        return parts;
                    }
                    // Not every switch keeps table counters: one that refuses them still has ports and rules.
                    if (cause(error) instanceof FlowOperationException) {
                        counters.increment("stats.tables.refused");
                        return List.of();
                    }
                    throw new CompletionException(cause(error));
                });
        CompletableFuture<DeviceStats> poll = CompletableFuture.allOf(ports, flows, tables).thenApply(done ->
                StatsTranslator.deviceStats(device, clock.instant(), ports.join(), flows.join(), tables.join(),
                        counters));
        // The first failure fails the poll at once, not when the other requests end or time out.
        for (CompletableFuture<List<OFStatsReply>> request : List.of(ports, flows, tables)) {
            request.whenComplete((ok, error) -> {
                if (error != null) {
                    poll.completeExceptionally(new CompletionException(cause(error)));
                }
            });
        }
        return poll;
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}

/**
 * Statistics of the switches in protocol-neutral terms: per port, per flow rule (in the
 * model's {@link io.weft.southbound.api.FlowRule} terms) and per table, polled from each
 * device through a {@link io.weft.southbound.stats.StatsService} (OpenFlow implements it) and
 * kept, the latest poll per connected device, by the {@link io.weft.southbound.stats.StatsCollector}.
 * Nothing here names OpenFlow, Netty or openflowj.
 */
package io.weft.southbound.stats;

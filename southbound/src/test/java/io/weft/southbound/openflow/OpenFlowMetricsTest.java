package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.metrics.LatencyHistogram;
import io.weft.southbound.api.FlowOperation;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceProviderService;
import io.weft.topology.device.Port;
import io.weft.topology.event.EventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * What the OpenFlow server exposes for /metrics: messages by type in each direction, the
 * connected switches and unconfirmed batches as gauges, the barrier round trip as a histogram.
 */
@Timeout(10)
class OpenFlowMetricsTest {
    private final Counters counters = new Counters();
    private final KeyedSerialExecutor executor = new KeyedSerialExecutor("test",
            MoreExecutors.newDirectExecutorService(), 16, counters);
    private final OpenFlowServer server = new OpenFlowServer(OpenFlowConfig.DEFAULTS, new NoDevices(),
            new EventDispatcher(executor, counters), executor, counters);
    private final SwitchConnection sw = SwitchConnection.open(OpenFlowConfig.DEFAULTS, server.registry(), counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    @Test
    void theHandshakeIsCountedByMessageType() {
        sw.activate(OFVersion.OF_13);

        assertThat(messages("in")).containsExactly(entry("barrier_reply", 1L), entry("features_reply", 1L),
                entry("hello", 1L), entry("stats_reply", 3L));
        assertThat(messages("out")).containsExactly(entry("barrier_request", 1L), entry("features_request", 1L),
                entry("flow_mod", 1L), entry("hello", 1L), entry("set_config", 1L), entry("stats_request", 2L));
    }

    @Test
    void flowModsWrittenAsBytesAndPacketInsReadWithoutOpenflowjAreCounted() {
        sw.activate(OFVersion.OF_13);
        Map<String, Long> outBefore = messages("out");
        server.flowRules().apply(OpenFlowTranslatorTest.RULE.device(),
                List.of(FlowOperation.add(OpenFlowTranslatorTest.RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);

        assertThat(messages("out").get("flow_mod")).isEqualTo(outBefore.get("flow_mod") + 1);

        sw.feed(Hex.withXid(""
                + "04 0a 00 3c xx xx xx xx ff ff ff ff 00 12 00 00 00 00 00 00 00 00 00 00"
                + " 00 01 00 0c 80 00 00 04 00 00 00 03 00 00 00 00 00 00"
                + " ff ff ff ff ff ff 0a 00 00 00 00 01 88 b5 77 65 66 74", 7));
        assertThat(messages("in")).as("a packet-in, read without openflowj").containsEntry("packet_in", 1L);
    }

    @Test
    void connectedSwitchesAndPendingBatchesAreGauges() {
        assertThat(counters.gauges()).containsExactly(entry("openflow.barrier.pending_batches", 0L),
                entry("openflow.switches.connected", 0L));
        sw.activate(OFVersion.OF_13);
        CompletableFuture<Void> batch = server.flowRules().apply(OpenFlowTranslatorTest.RULE.device(),
                List.of(FlowOperation.add(OpenFlowTranslatorTest.RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        long barrier = sw.expect("04 14 00 08 xx xx xx xx");

        assertThat(counters.gauges()).containsExactly(entry("openflow.barrier.pending_batches", 1L),
                entry("openflow.switches.connected", 1L));
        assertThat(counters.get("openflow.flow_mods.sent")).isEqualTo(1);

        sw.reply("04 15 00 08 xx xx xx xx", barrier);
        assertThat(batch).isCompleted();
        assertThat(counters.gauges()).containsEntry("openflow.barrier.pending_batches", 0L);
        sw.close();
        assertThat(counters.gauges()).containsEntry("openflow.switches.connected", 0L);
    }

    @Test
    void theBarrierRoundTripIsTimedOnTheChannelsClock() {
        sw.activate(OFVersion.OF_13);
        LatencyHistogram.Snapshot before = counters.histograms().get("openflow.barrier.latency");
        server.flowRules().apply(OpenFlowTranslatorTest.RULE.device(),
                List.of(FlowOperation.add(OpenFlowTranslatorTest.RULE)));
        sw.expect(OpenFlowTranslatorTest.FLOW_ADD_13);
        long barrier = sw.expect("04 14 00 08 xx xx xx xx");

        sw.advance(Duration.ofMillis(3));
        sw.reply("04 15 00 08 xx xx xx xx", barrier);

        LatencyHistogram.Snapshot after = counters.histograms().get("openflow.barrier.latency");
        assertThat(before.count()).as("the handshake's barrier is not a batch").isZero();
        assertThat(after.count()).isEqualTo(1);
        assertThat(after.sumNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(after.buckets().get(2).count()).as("not within 1 ms").isZero();
        assertThat(after.buckets().get(3).count()).as("within 5 ms").isEqualTo(1);
    }

    /** {@code openflow.messages.<direction>.*} by type. */
    private Map<String, Long> messages(String direction) {
        String prefix = "openflow.messages." + direction + ".";
        Map<String, Long> byType = new TreeMap<>();
        counters.snapshot().forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                byType.put(name.substring(prefix.length()), value);
            }
        });
        return byType;
    }

    private static final class NoDevices implements DeviceProviderService {
        @Override
        public void deviceConnected(DeviceId id, DeviceDescription description, List<Port> ports) {
        }

        @Override
        public void deviceDisconnected(DeviceId id) {
        }

        @Override
        public void portUpdated(DeviceId id, Port port) {
        }

        @Override
        public void portRemoved(DeviceId id, PortNumber number) {
        }
    }
}

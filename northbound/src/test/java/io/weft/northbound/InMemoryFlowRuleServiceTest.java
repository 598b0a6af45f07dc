package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperationException;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;

/** The fake behaves as the service's contract says, so tests built on it mean something. */
class InMemoryFlowRuleServiceTest {
    private static FlowRule rule(long dst) {
        return new FlowRule(TestNetwork.S1, 0, 10, TrafficMatch.ANY.withEthDst(MacAddress.valueOf(dst)), List.of(),
                0, 0, 0);
    }

    private final InMemoryFlowRuleService service = new InMemoryFlowRuleService();

    @Test
    void confirmsRemovesAndRecords() {
        assertThat(service.install(rule(1))).isCompleted();
        assertThat(service.rules(TestNetwork.S1)).extracting(FlowEntry::state)
                .containsExactly(FlowEntry.State.INSTALLED);
        assertThat(service.remove(rule(1))).isCompleted();
        assertThat(service.rules(TestNetwork.S1)).isEmpty();
        assertThat(service.applied()).hasSize(2);
    }

    @Test
    void refusedHeldAndDisconnected() {
        service.refuse(TestNetwork.S1, "BAD_MATCH");
        assertThat(service.install(rule(1))).isCompletedExceptionally().failsWithin(Duration.ZERO)
                .withThrowableThat().withCauseInstanceOf(FlowOperationException.class);
        assertThat(service.rules(TestNetwork.S1).get(0).error()).hasValue("BAD_MATCH");

        service.hold(TestNetwork.S2);
        FlowRule held = new FlowRule(TestNetwork.S2, 0, 1, TrafficMatch.ANY, List.of(), 0, 0, 0);
        assertThat(service.install(held)).isNotDone();
        assertThat(service.rules(TestNetwork.S2).get(0).state()).isEqualTo(FlowEntry.State.PENDING);

        service.disconnect(TestNetwork.S3);
        FlowRule gone = new FlowRule(TestNetwork.S3, 0, 1, TrafficMatch.ANY, List.of(), 0, 0, 0);
        assertThat(service.install(gone)).failsWithin(Duration.ZERO).withThrowableThat()
                .withCauseInstanceOf(DeviceNotConnectedException.class);
        assertThat(service.rules(TestNetwork.S3)).isEmpty();
    }

    @Test
    void aSwitchRemovalLeavesTheTableAndIsHeard() {
        List<FlowRemovedEvent> heard = new ArrayList<>();
        service.addFlowRemovedListener(heard::add);
        service.install(rule(1));
        service.install(rule(2));
        FlowRemovedEvent event = new FlowRemovedEvent(TestNetwork.S1, 0, 10,
                TrafficMatch.ANY.withEthDst(MacAddress.valueOf(1)), FlowRemovedEvent.Reason.IDLE_TIMEOUT, 5, 500);
        service.switchRemoved(event);
        assertThat(heard).containsExactly(event);
        assertThat(service.rules(TestNetwork.S1)).extracting(e -> e.rule().match().ethDst().orElseThrow())
                .containsExactly(MacAddress.valueOf(2));
    }
}

package io.weft.southbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.topology.device.DeviceIds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class FlowDiffTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final DeviceId S2 = DeviceIds.fromDatapathId(2);

    private static FlowRule rule(DeviceId device, long in, long out) {
        return new FlowRule(device, 0, 100, TrafficMatch.ANY.withInPort(PortNumber.portNumber(in)),
                List.of(Action.output(PortNumber.portNumber(out))), 7, 0, 0);
    }

    @Test
    void addsWhatIsMissingBeforeRemovingWhatIsNoLongerWanted() {
        FlowRule kept = rule(S1, 1, 2);
        FlowRule gone = rule(S1, 3, 2);
        FlowRule fresh = rule(S1, 4, 2);
        Map<DeviceId, List<FlowOperation>> ops = FlowDiff.diff(Map.of(S1, Set.of(kept, gone)),
                Map.of(S1, Set.of(kept, fresh)));
        assertThat(ops).containsOnlyKeys(S1);
        assertThat(ops.get(S1)).containsExactly(FlowOperation.add(fresh), FlowOperation.remove(gone));
    }

    @Test
    void aRuleWhoseSlotANewOneTakesIsReplacedNotRemoved() {
        FlowRule old = rule(S1, 1, 2);
        FlowRule replacement = rule(S1, 1, 3);
        assertThat(FlowDiff.diff(Map.of(S1, Set.of(old)), Map.of(S1, Set.of(replacement))))
                .isEqualTo(Map.of(S1, List.of(FlowOperation.add(replacement))));
    }

    @Test
    void devicesWithNothingToChangeAreLeftOut() {
        FlowRule same = rule(S1, 1, 2);
        FlowRule gone = rule(S2, 1, 2);
        assertThat(FlowDiff.diff(Map.of(S1, Set.of(same), S2, Set.of(gone)), Map.of(S1, Set.of(same))))
                .isEqualTo(Map.of(S2, List.of(FlowOperation.remove(gone))));
        assertThat(FlowDiff.diff(Map.of(S1, Set.of(same)), Map.of(S1, Set.of(same)))).isEmpty();
    }
}

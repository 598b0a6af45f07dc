package io.weft.apps.vnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.vnet.TagActions.Out;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

class TagActionsTest {
    private static final VlanId T = VlanId.vlanId((short) 2001);
    private static final VlanId A = VlanId.vlanId((short) 100);
    private static final PortNumber IN = PortNumber.portNumber(1);

    private static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    /** The actions, checked by FlowRule the way every rule the compiler makes is. */
    private static List<Action> actions(VlanId vlan, List<Out> outs) {
        List<Action> actions = TagActions.actions(vlan, IN, outs);
        new FlowRule(DeviceIds.fromDatapathId(1), 0, 1, TrafficMatch.ANY.withInPort(IN).withVlan(vlan), actions, 0, 0,
                0);
        return actions;
    }

    @Test
    void anUntaggedFrameSendsItsUntaggedCopiesBeforeItIsTagged() {
        assertThat(actions(VlanId.NONE, List.of(new Out(port(5), T), new Out(port(2), VlanId.NONE),
                new Out(port(3), A), new Out(port(6), T))))
                .containsExactly(Action.output(port(2)), Action.pushVlan(T), Action.output(port(5)),
                        Action.output(port(6)), Action.setVlan(A), Action.output(port(3)));
    }

    @Test
    void aTaggedFramePopsItsTagOnlyAtTheEnd() {
        assertThat(actions(A, List.of(new Out(port(2), VlanId.NONE), new Out(port(5), T), new Out(port(3), A))))
                .containsExactly(Action.setVlan(T), Action.output(port(5)), Action.setVlan(A), Action.output(port(3)),
                        Action.popVlan(), Action.output(port(2)));
    }

    @Test
    void aCopyForTheArrivalPortGoesOutThroughInPort() {
        assertThat(actions(A, List.of(new Out(IN, T)))).containsExactly(Action.setVlan(T),
                Action.output(PortNumber.IN_PORT));
    }

    @Test
    void aFrameAlreadyCarryingTheRightTagIsLeftAlone() {
        assertThat(actions(T, List.of(new Out(port(4), T)))).containsExactly(Action.output(port(4)));
        assertThat(actions(VlanId.NONE, List.of())).isEmpty();
    }
}

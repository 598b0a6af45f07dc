package io.weft.southbound.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/** Which VLAN ids, matches and action lists the API accepts, and why it refuses the rest. */
class VlanRulesTest {
    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final VlanId TENANT = VlanId.vlanId((short) 100);
    private static final VlanId FABRIC = VlanId.vlanId((short) 2001);
    private static final Action OUT = Action.output(PortNumber.portNumber(2));

    private static FlowRule rule(TrafficMatch match, Action... actions) {
        return new FlowRule(S1, 0, 10, match, List.of(actions), 0, 0, 0);
    }

    @Test
    void aMatchNamesUntaggedFramesOrOneVlanId() {
        assertThat(TrafficMatch.ANY.vlan()).isEmpty();
        assertThat(TrafficMatch.ANY.withVlan(VlanId.NONE).vlan()).contains(VlanId.NONE);
        assertThat(TrafficMatch.ANY.withInPort(PortNumber.portNumber(3)).withVlan(TENANT))
                .isEqualTo(TrafficMatch.ANY.withVlan(TENANT).withInPort(PortNumber.portNumber(3)));
        assertThat(TrafficMatch.ANY.withVlan(VlanId.vlanId((short) 1)).vlan()).isPresent();
        assertThat(TrafficMatch.ANY.withVlan(VlanId.vlanId((short) 4094)).vlan()).isPresent();
    }

    @Test
    void aMatchRefusesAnyVlanThePriorityTagAndTheReservedId() {
        for (VlanId refused : List.of(VlanId.ANY, VlanId.vlanId((short) 0), VlanId.vlanId((short) 4095))) {
            assertThatThrownBy(() -> TrafficMatch.ANY.withVlan(refused)).as(refused.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..4094");
        }
        assertThatThrownBy(() -> TrafficMatch.ANY.withVlan(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pushAndSetNeedARealVlanId() {
        for (VlanId refused : List.of(VlanId.NONE, VlanId.ANY, VlanId.vlanId((short) 0), VlanId.vlanId((short) 4095))) {
            assertThatThrownBy(() -> Action.pushVlan(refused)).as("push " + refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..4094");
            assertThatThrownBy(() -> Action.setVlan(refused)).as("set " + refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..4094");
        }
        assertThatThrownBy(() -> Action.pushVlan(null)).isInstanceOf(NullPointerException.class);
        assertThat(Action.pushVlan(FABRIC)).isEqualTo(new Action.PushVlan(FABRIC));
        assertThat(Action.setVlan(FABRIC)).isEqualTo(new Action.SetVlan(FABRIC));
        assertThat(Action.popVlan()).isEqualTo(new Action.PopVlan());
    }

    @Test
    void theCompilersRuleShapesAreAccepted() {
        TrafficMatch untagged = TrafficMatch.ANY.withVlan(VlanId.NONE);
        TrafficMatch tagged = TrafficMatch.ANY.withVlan(TENANT);
        assertThat(rule(untagged, Action.pushVlan(FABRIC), OUT).actions()).hasSize(2);
        assertThat(rule(tagged, Action.setVlan(FABRIC), OUT).actions()).hasSize(2);
        assertThat(rule(tagged, Action.popVlan(), OUT).actions()).hasSize(2);
        assertThat(rule(untagged, Action.pushVlan(FABRIC), Action.setVlan(TENANT), OUT).actions()).hasSize(3);
        assertThat(rule(untagged, OUT, Action.pushVlan(FABRIC), OUT, Action.popVlan(), Action.pushVlan(TENANT), OUT)
                .actions()).hasSize(6);
        assertThat(rule(tagged, OUT, Action.setVlan(FABRIC), OUT, Action.setVlan(TENANT), OUT).actions()).hasSize(5);
    }

    @Test
    void setAndPopNeedATagTheRuleKnowsOf() {
        for (TrafficMatch match : List.of(TrafficMatch.ANY, TrafficMatch.ANY.withVlan(VlanId.NONE))) {
            assertThatThrownBy(() -> rule(match, Action.setVlan(FABRIC), OUT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not known to be tagged");
            assertThatThrownBy(() -> rule(match, Action.popVlan(), OUT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not known to be tagged");
        }
        assertThatThrownBy(() -> rule(TrafficMatch.ANY.withVlan(TENANT), Action.popVlan(), Action.setVlan(FABRIC)))
                .as("the tag under the one popped is unknown").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule(TrafficMatch.ANY.withVlan(TENANT), Action.popVlan(), Action.popVlan()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pushNeedsAFrameKnownToBeUntagged() {
        assertThatThrownBy(() -> rule(TrafficMatch.ANY.withVlan(TENANT), Action.pushVlan(FABRIC), OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not known to be untagged");
        assertThatThrownBy(() -> rule(TrafficMatch.ANY, Action.pushVlan(FABRIC), OUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not known to be untagged");
        assertThatThrownBy(() -> rule(TrafficMatch.ANY.withVlan(VlanId.NONE), Action.pushVlan(FABRIC),
                Action.pushVlan(TENANT))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule(TrafficMatch.ANY.withVlan(TENANT), Action.popVlan(), Action.pushVlan(FABRIC)))
                .as("another tag may lie under the one popped").isInstanceOf(IllegalArgumentException.class);
    }
}

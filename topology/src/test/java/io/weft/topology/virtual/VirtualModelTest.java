package io.weft.topology.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.topology.TestFabric;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

class VirtualModelTest {
    private static final TenantId BLUE = new TenantId("blue");

    @ParameterizedTest
    @ValueSource(strings = {"", "Blue", "9lives", "a_b", "a b", "abcdefghijklmnopqrstuvwxyz0123456"})
    void refusesNamesThatAreNotShortLowerCaseWords(String name) {
        assertThatThrownBy(() -> new TenantId(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a tenant id must be 1 to 32 characters");
        assertThatThrownBy(() -> new NetworkId(BLUE, name)).hasMessageContaining("a network id");
    }

    @Test
    void twoTenantsMayNameTheirNetworksAlike() {
        assertThat(new NetworkId(BLUE, "web")).isNotEqualTo(new NetworkId(new TenantId("red"), "web"));
        assertThat(new NetworkId(BLUE, "web")).hasToString("blue/web");
    }

    @Test
    void attachmentsOverlapOnTheSamePortUnlessOnDistinctVlans() {
        Attachment whole = new Attachment("att-1", BLUE, TestFabric.cp(1, 3), Optional.empty());
        Attachment vlan100 = new Attachment("att-2", new TenantId("red"), TestFabric.cp(1, 3),
                Optional.of(VlanId.vlanId((short) 100)));
        Attachment vlan200 = new Attachment("att-3", BLUE, TestFabric.cp(1, 3), Optional.of(VlanId.vlanId((short) 200)));
        Attachment elsewhere = new Attachment("att-4", BLUE, TestFabric.cp(2, 3), Optional.empty());

        assertThat(whole.overlaps(vlan100)).isTrue();
        assertThat(vlan100.overlaps(vlan200)).isFalse();
        assertThat(vlan200.overlaps(vlan200)).isTrue();
        assertThat(whole.overlaps(elsewhere)).isFalse();
        assertThatThrownBy(() -> new Attachment("att-5", BLUE, TestFabric.cp(1, 3),
                Optional.of(VlanId.vlanId((short) 4095)))).hasMessageContaining("1..4094");
        assertThatThrownBy(() -> new Attachment("a1", BLUE, TestFabric.cp(1, 3), Optional.empty()))
                .hasMessageContaining("att- and a number");
    }

    @Test
    void refusesWhatCannotBeOnAFabric() {
        NetworkId web = new NetworkId(BLUE, "web");
        assertThatThrownBy(() -> new VirtualNetwork(web, VirtualNetwork.Kind.BIG_SWITCH, 0))
                .hasMessageContaining("fabric tag");
        assertThatThrownBy(() -> new VirtualLink(web, new VirtualPortId("vs1", 1), new VirtualPortId("vs1", 2)))
                .hasMessageContaining("two different virtual switches");
        assertThatThrownBy(() -> new VirtualPortId("vs1", 0)).hasMessageContaining("1..65279");
        assertThatThrownBy(() -> new VirtualHost(web, MacAddress.BROADCAST, Set.of(), new VirtualPortId("big", 1),
                true)).hasMessageContaining("unicast");
    }
}

package io.weft.southbound.openflow;

import com.google.common.util.concurrent.MoreExecutors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.TrafficMatch;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** A packet-in answered with a rule: the messages on the wire, what is refused, and the switch's errors. */
@Timeout(10)
class InstallAndApplyTest {
    private static final DeviceId DEVICE = DeviceId.deviceId("of:000000000000002a");
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.valueOf("00:00:00:00:00:02");
    private static final FlowRule RULE = new FlowRule(DEVICE, 0, 10,
            TrafficMatch.ANY.withInPort(PortNumber.portNumber(2)).withEthSrc(H2).withEthDst(H1),
            List.of(Action.output(PortNumber.portNumber(1))), 0x1234, 30, 0);

    private final SwitchConnection sw = SwitchConnection.open();
    private final OpenFlowPacketService packets = new OpenFlowPacketService(sw.registry,
            new KeyedSerialExecutor("packet_in", MoreExecutors.newDirectExecutorService(), 64, sw.counters), sw.counters);

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    private static InboundPacket packet(OptionalInt bufferId) {
        Ethernet frame = new Ethernet().setSourceMACAddress(H2).setDestinationMACAddress(H1).setEtherType((short) 0x88b5);
        return new InboundPacket(DEVICE, PortNumber.portNumber(2), frame, Hex.bytes("00 00 00 00 00 01 00 00 00 00 00 02 88 b5"),
                bufferId);
    }

    @Test
    void aBufferedPacketIsAnsweredWithOneFlowModCarryingItsBuffer() {
        sw.activate(OFVersion.OF_13);

        assertThat(packets.installAndApply(packet(OptionalInt.of(77)), RULE)).isTrue();

        long xid = sw.expect("04 0e 00 68 xx xx xx xx"
                + " 00 00 00 00 00 00 12 34 00 00 00 00 00 00 00 00" // cookie, cookie mask
                + " 00 00 00 1e 00 00 00 0a"                         // table 0, ADD, idle 30, hard 0, priority 10
                + " 00 00 00 4d ff ff ff ff ff ff ff ff"             // buffer 77, out port and group ANY
                + " 00 00 00 00"                                     // no flags: no FLOW_REMOVED asked for
                + " 00 01 00 20 80 00 00 04 00 00 00 02"             // match: in port 2,
                + " 80 00 06 06 00 00 00 00 00 01 80 00 08 06 00 00 00 00 00 02" // destination, source
                + " 00 04 00 18 00 00 00 00 00 00 00 10 00 00 00 01 ff ff 00 00 00 00 00 00"); // apply: output 1
        assertThat(SwitchSession.isUnconfirmed(xid)).isTrue();
        sw.expectNothingWritten();
        assertThat(sw.counters.get("flow_mod.unconfirmed.sent")).isEqualTo(1);
    }

    @Test
    void anUnbufferedPacketIsAnsweredWithAFlowModAndAPacketOutCarryingIt() {
        sw.activate(OFVersion.OF_10);

        assertThat(packets.installAndApply(packet(OptionalInt.empty()), RULE)).isTrue();

        sw.expect("01 0e 00 50 xx xx xx xx"
                + " xx xx xx xx 00 02 00 00 00 00 00 02 00 00 00 00 00 01" // wildcards, in port 2, source, destination
                + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 12 34"                         // cookie
                + " 00 00 00 1e 00 00 00 0a ff ff ff ff ff ff 00 00" // ADD, idle 30, hard 0, priority 10, no buffer
                + " 00 00 00 08 00 01 ff ff");                       // output 1
        sw.expect("01 0d 00 26 xx xx xx xx ff ff ff ff 00 02 00 08 00 00 00 08 00 01 ff ff"
                + " 00 00 00 00 00 01 00 00 00 00 00 02 88 b5");     // from port 2 out of 1: the packet
        sw.expectNothingWritten();
    }

    @Test
    void aRuleThatRetagsIsAnsweredAsWell() {
        sw.activate(OFVersion.OF_13);
        FlowRule tagging = new FlowRule(DEVICE, 0, 10, RULE.match().withVlan(VlanId.NONE),
                List.of(Action.pushVlan(VlanId.vlanId((short) 5)), Action.output(PortNumber.portNumber(1))), 0x1234,
                30, 0);

        assertThat(packets.installAndApply(packet(OptionalInt.of(77)), tagging)).isTrue();

        byte[] flowMod = sw.written();
        assertThat(Hex.of(flowMod)).startsWith("04 0e").contains("00 00 00 4d ff ff ff ff ff ff ff ff 00 00 00 00");
        sw.expectNothingWritten();
    }

    @Test
    void aSwitchRefusingTheRuleIsCountedNotChargedToAnyBatch() {
        SwitchSession session = sw.activate(OFVersion.OF_13);
        packets.installAndApply(packet(OptionalInt.of(77)), RULE);
        long xid = sw.expect("04 0e 00 68 xx xx xx xx" + " xx".repeat(96));

        // FLOW_MOD_FAILED, TABLE_FULL, carrying the start of the refused message.
        sw.reply("04 01 00 14 xx xx xx xx 00 05 00 01 04 0e 00 68 00 00 00 00", xid);

        assertThat(sw.counters.get("openflow.errors.unconfirmed")).isEqualTo(1);
        assertThat(sw.counters.get("openflow.errors.unattributed")).isZero();
        assertThat(session.isActive()).isTrue();
    }

    @Test
    void aSwitchNotConnectedGetsNothingAndItIsCounted() {
        assertThat(packets.installAndApply(packet(OptionalInt.of(77)), RULE)).isFalse();

        assertThat(sw.counters.get("flow_mod.unconfirmed.dropped.not_connected")).isEqualTo(1);
        assertThat(sw.counters.get("flow_mod.unconfirmed.sent")).isZero();
    }

    @Test
    void aRuleThatWouldNeverExpireOrIsForAnotherSwitchIsRefused() {
        sw.activate(OFVersion.OF_13);
        FlowRule permanent = new FlowRule(DEVICE, 0, 10, RULE.match(), RULE.actions(), 0x1234, 0, 0);
        FlowRule elsewhere = new FlowRule(DeviceId.deviceId("of:0000000000000001"), 0, 10, RULE.match(),
                RULE.actions(), 0x1234, 30, 0);

        assertThatThrownBy(() -> packets.installAndApply(packet(OptionalInt.empty()), permanent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> packets.installAndApply(packet(OptionalInt.empty()), elsewhere))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot answer");
        sw.expectNothingWritten();
    }
}

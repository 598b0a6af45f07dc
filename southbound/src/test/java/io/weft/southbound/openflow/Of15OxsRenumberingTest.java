package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.stat.StatField;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/** An OpenFlow 1.5 FLOW_REMOVED as Open vSwitch sends it, through the frame decoder. */
@Timeout(10)
class Of15OxsRenumberingTest {
    /** OXS fields numbered as the specification and Open vSwitch number them. */
    static final String OVS_FLOW_REMOVED = ""
            + "06 0b 00 60 00 00 00 00"  // FLOW_REMOVED, 96 bytes
            + " 00 00 00 64 00 0a 00 00" // table 0, reason IDLE_TIMEOUT, priority 100, idle 10, hard 0
            + " 57 01 00 00 00 00 00 42" // cookie
            + " 00 01 00 0c 80 00 00 04" // match: OXM, 12 bytes; IN_PORT
            + " 00 00 00 01 00 00 00 00" // = 1, pad
            + " 00 00 00 34 80 02 00 08" // stats: 52 bytes; OXS DURATION (field 0)
            + " 00 00 00 05 1d cd 65 00" // = 5 s 500000000 ns
            + " 80 02 02 08 00 00 00 03" // IDLE_TIME (field 1) = 3 s
            + " 00 00 00 00 80 02 08 08" //   0 ns; PACKET_COUNT (field 4)
            + " 00 00 00 00 00 00 00 07" // = 7
            + " 80 02 0a 08 00 00 00 00" // BYTE_COUNT (field 5)
            + " 00 00 02 a0 00 00 00 00"; // = 672, pad

    @Test
    void openvSwitchFlowRemovedParsesWithItsCounts() {
        OFFlowRemoved removed = decode(OVS_FLOW_REMOVED);

        assertThat(removed.getVersion()).isEqualTo(OFVersion.OF_15);
        assertThat(removed.getCookie()).isEqualTo(U64.of(0x5701000000000042L));
        assertThat(removed.getPriority()).isEqualTo(100);
        assertThat(removed.getReason()).isEqualTo(OFFlowRemovedReason.IDLE_TIMEOUT);
        assertThat(removed.getIdleTimeout()).isEqualTo(10);
        assertThat(removed.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
        assertThat(removed.getStats().get(StatField.PACKET_COUNT)).isEqualTo(U64.of(7));
        assertThat(removed.getStats().get(StatField.BYTE_COUNT)).isEqualTo(U64.of(672));
        assertThat(removed.getStats().get(StatField.DURATION)).isEqualTo(U64.of(5L << 32 | 500_000_000L));
    }

    @Test
    void flowRemovedReachesTheSwitchEventsOfAnActiveSwitch() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_15);
            sw.feed(OVS_FLOW_REMOVED);
            assertThat(sw.events.flowsRemoved).singleElement()
                    .satisfies(r -> assertThat(r.getStats().get(StatField.BYTE_COUNT)).isEqualTo(U64.of(672)));
            assertThat(sw.channel.isActive()).isTrue();
        }
    }

    @Test
    void openflowjAloneCannotReadIt() {
        // Why the renumbering exists; when this fails, openflowj has been fixed and it can go.
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(OVS_FLOW_REMOVED));
        assertThatThrownBy(() -> OFFactories.getGenericReader().readFrom(frame)).isInstanceOf(OFParseError.class);
    }

    @Test
    void onlyCountFieldsOfTheOpenFlowBasicClassAreRenumbered() {
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(OVS_FLOW_REMOVED));
        Of15OxsRenumbering.rewriteFlowRemoved(frame);
        assertThat(Hex.of(ByteBufUtil.getBytes(frame))).isEqualTo(Hex.normalize(OVS_FLOW_REMOVED
                .replace("80 02 08 08", "80 02 06 08")
                .replace("80 02 0a 08", "80 02 08 08")));
        assertThat(frame.readerIndex()).isZero();
    }

    @Test
    void flowCountIsRenumberedToo() {
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(""
                + "06 0b 00 30 00 00 00 00 00 00 00 64 00 0a 00 00 57 01 00 00 00 00 00 42"
                + " 00 01 00 04 00 00 00 00"  // empty match
                + " 00 00 00 0c 80 02 06 04"  // stats: 12 bytes; FLOW_COUNT (field 3)
                + " 00 00 00 02 00 00 00 00")); // = 2, pad
        Of15OxsRenumbering.rewriteFlowRemoved(frame);
        assertThat(frame.getUnsignedInt(36)).isEqualTo(0x80020404L);
    }

    @Test
    void statsRunningPastTheEndAreLeftAloneAndRefused() {
        String broken = OVS_FLOW_REMOVED.replace("00 00 00 34 80 02 00 08", "00 00 00 44 80 02 00 08");
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(broken));
        Of15OxsRenumbering.rewriteFlowRemoved(frame);
        assertThat(Hex.of(ByteBufUtil.getBytes(frame))).isEqualTo(Hex.normalize(broken));

        EmbeddedChannel decoder = new EmbeddedChannel(new OpenFlowFrameDecoder(65535));
        assertThatThrownBy(() -> decoder.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(broken))))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(ProtocolViolation.Reason.MALFORMED));
        decoder.finishAndReleaseAll();
    }

    /** One flow statistics entry, 72 bytes: an empty match, PACKET_COUNT and BYTE_COUNT numbered as Open vSwitch numbers them. */
    private static final String OVS_FLOW_STATS_ENTRY = ""
            + " 00 48 00 00 00 00 00 64 00 00 00 00 00 00 00 00 57 01 00 00 00 00 00 42"
            + " 00 01 00 04 00 00 00 00"  // empty match
            + " 00 00 00 1c 80 02 08 08"  // stats: 28 bytes; PACKET_COUNT (field 4)
            + " 00 00 00 00 00 00 00 07 80 02 0a 08 00 00 00 00 00 00 02 a0 00 00 00 00" // = 7; BYTE_COUNT = 672; pad
            + " 00 04 00 08 00 00 00 00"; // APPLY_ACTIONS, none

    @Test
    void everyEntryOfAFlowStatsReplyIsRenumbered() {
        String reply = "06 13 00 a0 00 00 00 07 00 01 00 00 00 00 00 00" + OVS_FLOW_STATS_ENTRY + OVS_FLOW_STATS_ENTRY;
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(reply));
        Of15OxsRenumbering.rewrite(frame, 19);
        assertThat(Hex.of(ByteBufUtil.getBytes(frame))).isEqualTo(Hex.normalize(reply
                .replace("80 02 08 08", "80 02 06 08")
                .replace("80 02 0a 08", "80 02 08 08")));

        EmbeddedChannel decoder = new EmbeddedChannel(new OpenFlowFrameDecoder(65535));
        decoder.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(reply)));
        OFFlowStatsReply parsed = decoder.readInbound();
        assertThat(parsed.getEntries()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.getStats().get(StatField.PACKET_COUNT)).isEqualTo(U64.of(7));
            assertThat(entry.getStats().get(StatField.BYTE_COUNT)).isEqualTo(U64.of(672));
        });
        decoder.finishAndReleaseAll();
    }

    @Test
    void otherMultipartRepliesAndEntriesThatDoNotAddUpAreLeftAlone() {
        String portDesc = "06 13 00 a0 00 00 00 07 00 0d 00 00 00 00 00 00" + OVS_FLOW_STATS_ENTRY + OVS_FLOW_STATS_ENTRY;
        ByteBuf frame = Unpooled.wrappedBuffer(Hex.bytes(portDesc));
        Of15OxsRenumbering.rewrite(frame, 19);
        assertThat(Hex.of(ByteBufUtil.getBytes(frame))).as("not flow statistics").isEqualTo(Hex.normalize(portDesc));

        String tooLong = "06 13 00 58 00 00 00 07 00 01 00 00 00 00 00 00"
                + OVS_FLOW_STATS_ENTRY.replaceFirst("00 48", "00 50");
        frame = Unpooled.wrappedBuffer(Hex.bytes(tooLong));
        Of15OxsRenumbering.rewrite(frame, 19);
        assertThat(Hex.of(ByteBufUtil.getBytes(frame))).as("entry past the end").isEqualTo(Hex.normalize(tooLong));
    }

    @Test
    void appliesToOpenFlow15FlowRemovedAndMultipartRepliesOnly() {
        assertThat(Of15OxsRenumbering.applies(6, 11)).isTrue();
        assertThat(Of15OxsRenumbering.applies(5, 11)).isFalse();
        assertThat(Of15OxsRenumbering.applies(6, 19)).as("multipart reply").isTrue();
        assertThat(Of15OxsRenumbering.applies(6, 10)).as("packet-in").isFalse();
    }

    private static OFFlowRemoved decode(String hex) {
        EmbeddedChannel decoder = new EmbeddedChannel(new OpenFlowFrameDecoder(65535));
        try {
            decoder.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(hex)));
            Object message = decoder.readInbound();
            assertThat(message).isInstanceOf(OFFlowRemoved.class);
            assertThat(decoder.<Object>readInbound()).as("a second message").isNull();
            return (OFFlowRemoved) message;
        } finally {
            decoder.finishAndReleaseAll();
        }
    }
}

package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.TrafficMatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Writes the flow mods of rules whose actions are all outputs straight to bytes: the same
 * bytes {@link OpenFlowTranslator#flowMod} and openflowj write (a test checks every version,
 * command and match field), without building openflowj's message objects - whose OXM match
 * alone is an EnumMap over all of openflowj's 119 match fields, made and walked for every
 * rule. Forwarding rules, one per packet-in or a million per install, are all of this kind;
 * anything else goes through openflowj.
 */
final class FlowModWriter {
    private static final int TYPE_FLOW_MOD = 14;
    private static final int NO_BUFFER = 0xffffffff;
    private static final int SEND_FLOW_REM = 1;
    /** OpenFlow 1.0's wildcards: every field wildcarded. */
    private static final int OF10_WILDCARD_ALL = 0x3fffff;
    private static final int OF10_WILDCARD_IN_PORT = 1;
    private static final int OF10_WILDCARD_DL_VLAN = 1 << 1;
    private static final int OF10_WILDCARD_DL_SRC = 1 << 2;
    private static final int OF10_WILDCARD_DL_DST = 1 << 3;
    private static final int OF10_WILDCARD_DL_TYPE = 1 << 4;
    private static final int OF10_VLAN_NONE = 0xffff;
    private static final int OXM_IN_PORT = 0x80000004;
    private static final int OXM_ETH_DST = 0x80000606;
    private static final int OXM_ETH_SRC = 0x80000806;
    private static final int OXM_ETH_TYPE = 0x80000a02;
    private static final int OXM_VLAN_VID = 0x80000c02;
    private static final int OFPVID_PRESENT = 0x1000;
    private static final int MAX_OUTPUT_LENGTH = 0xffff;

    private FlowModWriter() {
    }

    /** Whether {@link #write} handles the rule: every action is an output. */
    static boolean handles(FlowRule rule) {
        List<Action> actions = rule.actions();
        for (int i = 0; i < actions.size(); i++) {
            if (!(actions.get(i) instanceof Action.Output)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The flow mod of {@code operation}, as {@link OpenFlowTranslator#flowMod} makes it but with
     * {@code xid} and, for an add, the packet in {@code bufferId} and SEND_FLOW_REM as asked.
     * Only for rules {@link #handles} accepts.
     */
    static ByteBuf write(ByteBufAllocator alloc, OFVersion version, long xid, FlowOperation.Type type, FlowRule rule,
                         OptionalInt bufferId, boolean sendFlowRemoved) {
        int command = switch (type) {
            case ADD -> 0;
            case MODIFY -> 2;
            case REMOVE -> 4;
        };
        int flags = type == FlowOperation.Type.ADD && sendFlowRemoved ? SEND_FLOW_REM : 0;
        int buffer = type == FlowOperation.Type.ADD && bufferId.isPresent() ? bufferId.getAsInt() : NO_BUFFER;
        return version == OFVersion.OF_10 ? of10(alloc, xid, command, rule, buffer, flags)
                : oxm(alloc, version, xid, command, rule, buffer, flags);
    }

    private static ByteBuf of10(ByteBufAllocator alloc, long xid, int command, FlowRule rule, int buffer, int flags) {
        int length = 8 + 40 + 24 + 8 * rule.actions().size();
        Bytes out = new Bytes(length);
        out.writeByte(1).writeByte(TYPE_FLOW_MOD).writeShort(length).writeInt((int) xid);
        TrafficMatch match = rule.match();
        int wildcards = OF10_WILDCARD_ALL;
        if (match.inPort().isPresent()) {
            wildcards &= ~OF10_WILDCARD_IN_PORT;
        }
        if (match.vlan().isPresent()) {
            wildcards &= ~OF10_WILDCARD_DL_VLAN;
        }
        if (match.ethSrc().isPresent()) {
            wildcards &= ~OF10_WILDCARD_DL_SRC;
        }
        if (match.ethDst().isPresent()) {
            wildcards &= ~OF10_WILDCARD_DL_DST;
        }
        if (match.ethType().isPresent()) {
            wildcards &= ~OF10_WILDCARD_DL_TYPE;
        }
        out.writeInt(wildcards);
        out.writeShort(match.inPort().map(FlowModWriter::port16).orElse(0));
        writeMac(out, match.ethSrc().orElse(null));
        writeMac(out, match.ethDst().orElse(null));
        out.writeShort(match.vlan().map(v -> v.equals(VlanId.NONE) ? OF10_VLAN_NONE : v.toShort() & 0xfff).orElse(0));
        out.writeByte(0).writeByte(0);                   // dl_vlan_pcp, pad
        out.writeShort(match.ethType().orElse(0));
        out.writeZero(2 + 2 + 4 + 4 + 2 + 2);            // nw_tos, nw_proto, pad, nw_src, nw_dst, tp_src, tp_dst
        out.writeLong(rule.cookie());
        out.writeShort(command).writeShort(rule.idleTimeout()).writeShort(rule.hardTimeout())
                .writeShort(rule.priority()).writeInt(buffer)
                .writeShort(0xffff)                      // out_port NONE
                .writeShort(flags);
        for (Action action : rule.actions()) {
            out.writeShort(0).writeShort(8).writeShort(port16(((Action.Output) action).port()))
                    .writeShort(MAX_OUTPUT_LENGTH);
        }
        return out.copyTo(alloc);
    }

    private static ByteBuf oxm(ByteBufAllocator alloc, OFVersion version, long xid, int command, FlowRule rule,
                               int buffer, int flags) {
        TrafficMatch match = rule.match();
        int oxmLength = (match.inPort().isPresent() ? 8 : 0) + (match.ethDst().isPresent() ? 10 : 0)
                + (match.ethSrc().isPresent() ? 10 : 0) + (match.ethType().isPresent() ? 6 : 0)
                + (match.vlan().isPresent() ? 6 : 0);
        int matchLength = 4 + oxmLength;
        int paddedMatch = (matchLength + 7) & ~7;
        int outputs = rule.actions().size();
        int instructions = outputs == 0 ? 0 : 8 + 16 * outputs;
        int length = 8 + 40 + paddedMatch + instructions;
        Bytes out = new Bytes(length);
        out.writeByte(version.getWireVersion()).writeByte(TYPE_FLOW_MOD).writeShort(length).writeInt((int) xid);
        out.writeLong(rule.cookie()).writeLong(0);                       // cookie, cookie mask
        out.writeByte(rule.table()).writeByte(command)
                .writeShort(rule.idleTimeout()).writeShort(rule.hardTimeout()).writeShort(rule.priority())
                .writeInt(buffer)
                .writeInt(0xffffffff).writeInt(0xffffffff)                   // out_port, out_group ANY
                .writeShort(flags).writeShort(0);                           // flags, pad (importance from 1.4)
        // openflowj orders the fields as its MatchFields enum does: in port, destination, source, type, VLAN.
        out.writeShort(1).writeShort(matchLength);
        if (match.inPort().isPresent()) {
            out.writeInt(OXM_IN_PORT).writeInt((int) match.inPort().get().toLong());
        }
        if (match.ethDst().isPresent()) {
            out.writeInt(OXM_ETH_DST);
            writeMac(out, match.ethDst().get());
        }
        if (match.ethSrc().isPresent()) {
            out.writeInt(OXM_ETH_SRC);
            writeMac(out, match.ethSrc().get());
        }
        if (match.ethType().isPresent()) {
            out.writeInt(OXM_ETH_TYPE).writeShort(match.ethType().get());
        }
        if (match.vlan().isPresent()) {
            VlanId vlan = match.vlan().get();
            out.writeInt(OXM_VLAN_VID).writeShort(vlan.equals(VlanId.NONE) ? 0 : OFPVID_PRESENT | vlan.toShort());
        }
        out.writeZero(paddedMatch - matchLength);
        if (outputs > 0) {
            out.writeShort(4).writeShort(instructions).writeInt(0);        // APPLY_ACTIONS
            for (Action action : rule.actions()) {
                out.writeShort(0).writeShort(16).writeInt((int) ((Action.Output) action).port().toLong())
                        .writeShort(MAX_OUTPUT_LENGTH).writeZero(6);
            }
        }
        return out.copyTo(alloc);
    }

    private static void writeMac(Bytes out, MacAddress mac) {
        long value = mac == null ? 0 : mac.toLong();
        out.writeShort((int) (value >>> 32)).writeInt((int) value);
    }

    /**
     * A message being written: a plain array, then copied into a buffer whole. Writing field by
     * field into a Netty buffer checks its bounds and reference count at every field.
     */
    private static final class Bytes {
        private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final byte[] bytes;
        private int at;

        Bytes(int length) {
            bytes = new byte[length];
        }

        Bytes writeByte(int value) {
            bytes[at++] = (byte) value;
            return this;
        }

        Bytes writeShort(int value) {
            SHORT.set(bytes, at, (short) value);
            at += 2;
            return this;
        }

        Bytes writeInt(int value) {
            INT.set(bytes, at, value);
            at += 4;
            return this;
        }

        Bytes writeLong(long value) {
            LONG.set(bytes, at, value);
            at += 8;
            return this;
        }

        /** The array is new, so zeros are already there. */
        Bytes writeZero(int count) {
            at += count;
            return this;
        }

        ByteBuf copyTo(ByteBufAllocator alloc) {
            if (at != bytes.length) {
                throw new IllegalStateException("wrote " + at + " of a " + bytes.length + "-byte message");
            }
            return alloc.ioBuffer(bytes.length).writeBytes(bytes);
        }
    }

    /** OpenFlow 1.0's 16-bit port numbers: its reserved ports are 1.3's without the top 16 bits. */
    private static int port16(PortNumber port) {
        return (int) port.toLong() & 0xffff;
    }
}

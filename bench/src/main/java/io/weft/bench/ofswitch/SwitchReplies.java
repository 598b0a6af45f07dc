package io.weft.bench.ofswitch;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;

/**
 * The emulated switch's side of the handshake, built with openflowj: what an Open vSwitch
 * bridge with {@code ports} up ports of 10 Gb/s copper would answer.
 */
final class SwitchReplies {
    static final int BUFFERS = 256;
    private static final int MAX_ERROR_DATA = 64;
    private static final long SPEED_KBPS = 10_000_000;

    private final SwitchProfile profile;
    private final OFFactory factory;
    private final List<OFPortDesc> ports;

    SwitchReplies(SwitchProfile profile) {
        this.profile = profile;
        this.factory = OFFactories.getFactory(profile.version());
        List<OFPortDesc> list = new ArrayList<>();
        for (int port = 1; port <= profile.ports(); port++) {
            list.add(portDesc(port));
        }
        this.ports = List.copyOf(list);
    }

    OFFactory factory() {
        return factory;
    }

    /**
     * Our HELLO: on 1.3 a version bitmap naming 1.3 alone, so the controller picks the
     * version the run asked for; on 1.0 a bare header, as 1.0 switches send.
     */
    OFMessage hello() {
        if (profile.version() == OFVersion.OF_10) {
            return factory.buildHello().setXid(0).build();
        }
        return factory.buildHello().setXid(0)
                .setElements(List.of(factory.buildHelloElemVersionbitmap()
                        .setBitmaps(List.of(U32.of(1L << profile.version().getWireVersion()))).build()))
                .build();
    }

    OFMessage featuresReply(long xid) {
        var builder = factory.buildFeaturesReply().setXid(xid)
                .setDatapathId(DatapathId.of(profile.datapathId()))
                .setNBuffers(BUFFERS);
        if (profile.version() == OFVersion.OF_10) {
            return builder.setNTables((short) 1)
                    .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
                            OFCapabilities.PORT_STATS, OFCapabilities.ARP_MATCH_IP))
                    .setActions(EnumSet.of(OFActionType.OUTPUT, OFActionType.SET_VLAN_VID,
                            OFActionType.STRIP_VLAN, OFActionType.SET_DL_SRC, OFActionType.SET_DL_DST))
                    .setPorts(ports)
                    .build();
        }
        return builder.setNTables((short) 254)
                .setAuxiliaryId(OFAuxId.MAIN)
                .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
                        OFCapabilities.PORT_STATS, OFCapabilities.GROUP_STATS, OFCapabilities.QUEUE_STATS))
                .build();
    }

    OFMessage portDescReply(long xid) {
        return factory.buildPortDescStatsReply().setXid(xid).setEntries(ports).build();
    }

    OFMessage descReply(long xid) {
        return factory.buildDescStatsReply().setXid(xid)
                .setMfrDesc("Weft bench")
                .setHwDesc("emulated switch")
                .setSwDesc("weft-bench 0.1.0")
                .setSerialNum(Long.toString(profile.datapathId()))
                .setDpDesc(profile.name())
                .build();
    }

    OFMessage flowStatsReply(long xid) {
        return factory.buildFlowStatsReply().setXid(xid).setEntries(List.of()).build();
    }

    /** No port counters: the controller's statistics poll asks for them, the bench has none worth reporting. */
    OFMessage portStatsReply(long xid) {
        return factory.buildPortStatsReply().setXid(xid).setEntries(List.of()).build();
    }

    OFMessage tableStatsReply(long xid) {
        return factory.buildTableStatsReply().setXid(xid).setEntries(List.of()).build();
    }

    OFMessage configReply(long xid, int missSendLen) {
        return factory.buildGetConfigReply().setXid(xid).setFlags(EnumSet.noneOf(OFConfigFlags.class))
                .setMissSendLen(missSendLen).build();
    }

    OFMessage roleReply(OFRoleRequest request) {
        OFControllerRole role = request.getRole() == OFControllerRole.ROLE_NOCHANGE
                ? OFControllerRole.ROLE_EQUAL : request.getRole();
        return factory.buildRoleReply().setXid(request.getXid()).setRole(role)
                .setGenerationId(request.getGenerationId()).build();
    }

    /** BAD_REQUEST for a message the emulated switch does not implement, quoting its start. */
    OFMessage badRequest(ByteBuf frame, OFBadRequestCode code) {
        byte[] data = new byte[Math.min(frame.readableBytes(), MAX_ERROR_DATA)];
        frame.getBytes(frame.readerIndex(), data);
        return factory.errorMsgs().buildBadRequestErrorMsg().setXid(OfWire.xid(frame)).setCode(code)
                .setData(OFErrorCauseData.of(data, profile.version())).build();
    }

    OFMessage helloFailed(long xid) {
        return factory.errorMsgs().buildHelloFailedErrorMsg().setXid(xid).setCode(OFHelloFailedCode.INCOMPATIBLE)
                .setData(OFErrorCauseData.of(("emulated switch speaks " + profile.version()).getBytes(),
                        profile.version()))
                .build();
    }

    /** PORT_STATUS (reason MODIFY) for a port whose link went down or came back up. */
    OFMessage portStatus(int port, boolean up) {
        return factory.buildPortStatus().setXid(0).setReason(OFPortReason.MODIFY).setDesc(portDesc(port, up)).build();
    }

    private OFPortDesc portDesc(int port) {
        return portDesc(port, true);
    }

    private OFPortDesc portDesc(int port, boolean up) {
        var builder = factory.buildPortDesc()
                .setPortNo(OFPort.of(port))
                .setHwAddr(portMac(profile, port))
                .setName(profile.name() + "-eth" + port)
                .setConfig(EnumSet.noneOf(OFPortConfig.class))
                .setCurr(Set.of(OFPortFeatures.PF_10GB_FD, OFPortFeatures.PF_COPPER))
                .setAdvertised(Set.of())
                .setSupported(Set.of())
                .setPeer(Set.of());
        if (profile.version() == OFVersion.OF_10) {
            return builder.setState(up ? EnumSet.noneOf(OFPortState.class) : EnumSet.of(OFPortState.LINK_DOWN)).build();
        }
        return builder.setState(EnumSet.of(up ? OFPortState.LIVE : OFPortState.LINK_DOWN)).setCurrSpeed(SPEED_KBPS).setMaxSpeed(SPEED_KBPS).build();
    }

    /** 0e:SS:SS:PP:PP:00 - locally administered, never one of the emulated hosts' addresses. */
    static MacAddress portMac(SwitchProfile profile, int port) {
        return MacAddress.of(0x0e0000000000L | ((long) profile.index() << 24) | ((long) port << 8));
    }
}

package io.weft.southbound.openflow;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Golden bytes of the handshake per OpenFlow version: what a switch (datapath id 0x2a,
 * ports 1 "s1-eth1" and 2 "s1-eth2") sends, and patterns of what Weft must send. In a
 * pattern {@code xx xx xx xx} is the xid Weft chose; in a reply it is filled in with the
 * xid of the request it answers.
 */
final class Handshakes {
    static final long DATAPATH_ID = 0x2a;

    /** Weft's HELLO: version 1.5 in the header, a version bitmap of 1.0, 1.3, 1.4 and 1.5. */
    static final String CONTROLLER_HELLO = "06 00 00 10 00 00 00 00" + " 00 01 00 08 00 00 00 72";

    /** One switch's handshake; the port-description fields and the table-miss rule are null on 1.0. */
    record Handshake(OFVersion version, String switchHello, String featuresRequest, String featuresReply,
                     String portDescRequest, List<String> portDescReplies, String descRequest, String descReply,
                     String setConfig, String tableMiss, String barrierRequest, String barrierReply) {
    }

    /** mfr, hw, sw, serial number, datapath description. */
    private static final String DESC_BODY = Hex.ascii("Weft Labs", 256) + Hex.ascii("golden switch", 256)
            + Hex.ascii("3.1.4", 256) + Hex.ascii("42", 32) + Hex.ascii("s1", 256);

    // ---- OpenFlow 1.0 ----

    private static final String PORT_10_1 = ""
            + " 00 01 00 00 00 00 00 01"                          // port 1, hw_addr 00:00:00:00:00:01
            + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00"  // "s1-eth1"
            + " 00 00 00 00 00 00 00 00 00 00 00 c0"              // config, state, curr 10GB_FD|COPPER
            + " 00 00 00 00 00 00 00 00 00 00 00 00";             // advertised, supported, peer
    private static final String PORT_10_2 = ""
            + " 00 02 00 00 00 00 00 02"
            + " 73 31 2d 65 74 68 32 00 00 00 00 00 00 00 00 00"  // "s1-eth2"
            + " 00 00 00 00 00 00 00 00 00 00 00 c0"
            + " 00 00 00 00 00 00 00 00 00 00 00 00";

    static final Handshake OF_10 = new Handshake(OFVersion.OF_10,
            "01 00 00 08 00 00 00 0a",
            "01 05 00 08 00 00 00 01",
            "01 06 00 80 xx xx xx xx"        // FEATURES_REPLY, 128 bytes
                    + " 00 00 00 00 00 00 00 2a" // datapath id
                    + " 00 00 01 00 01 00 00 00" // n_buffers 256, n_tables 1, pad
                    + " 00 00 00 c7 00 00 0f ff" // capabilities, actions
                    + PORT_10_1 + PORT_10_2,
            null, null,
            "01 10 00 0c xx xx xx xx 00 00 00 00",                 // STATS_REQUEST DESC
            "01 11 04 2c xx xx xx xx 00 00 00 00" + DESC_BODY,     // STATS_REPLY DESC, 1068 bytes
            "01 09 00 0c xx xx xx xx 00 00 ff ff",                 // SET_CONFIG, miss_send_len 0xffff
            null,
            "01 12 00 08 xx xx xx xx",
            "01 13 00 08 xx xx xx xx");

    // ---- OpenFlow 1.3 ----

    private static final String PORT_13_1 = ""
            + " 00 00 00 01 00 00 00 00 00 00 00 00 00 01 00 00"  // port 1, pad, hw_addr, pad
            + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00"  // "s1-eth1"
            + " 00 00 00 00 00 00 00 04 00 00 08 40 00 00 00 00"  // config, state LIVE, curr 10GB_FD|COPPER, adv
            + " 00 00 00 00 00 00 00 00 00 98 96 80 00 00 00 00"; // supported, peer, curr_speed 10 Gb/s, max
    private static final String PORT_13_2 = ""
            + " 00 00 00 02 00 00 00 00 00 00 00 00 00 02 00 00"
            + " 73 31 2d 65 74 68 32 00 00 00 00 00 00 00 00 00"  // "s1-eth2"
            + " 00 00 00 00 00 00 00 04 00 00 08 40 00 00 00 00"
            + " 00 00 00 00 00 00 00 00 00 98 96 80 00 00 00 00";

    /** The 1.3 switch sends its ports in two multipart parts, the first flagged REPLY_MORE. */
    static final Handshake OF_13 = new Handshake(OFVersion.OF_13,
            "04 00 00 08 00 00 00 0d",
            "04 05 00 08 00 00 00 01",
            "04 06 00 20 xx xx xx xx"
                    + " 00 00 00 00 00 00 00 2a"
                    + " 00 00 01 00 fe 00 00 00"  // n_buffers, n_tables 254, auxiliary id 0, pad
                    + " 00 00 00 4f 00 00 00 00", // capabilities, reserved
            "04 12 00 10 xx xx xx xx 00 0d 00 00 00 00 00 00",      // MULTIPART_REQUEST PORT_DESC
            List.of("04 13 00 50 xx xx xx xx 00 0d 00 01 00 00 00 00" + PORT_13_1,   // REPLY_MORE
                    "04 13 00 50 xx xx xx xx 00 0d 00 00 00 00 00 00" + PORT_13_2),
            "04 12 00 10 xx xx xx xx 00 00 00 00 00 00 00 00",      // MULTIPART_REQUEST DESC
            "04 13 04 30 xx xx xx xx 00 00 00 00 00 00 00 00" + DESC_BODY,
            "04 09 00 0c xx xx xx xx 00 00 ff ff",
            "04 0e 00 50 xx xx xx xx"             // FLOW_MOD ADD, 80 bytes
                    + " 57 00 00 00 00 00 00 00"  // cookie: Weft marker, core app
                    + " 00 00 00 00 00 00 00 00"  // cookie mask
                    + " 00 00 00 00 00 00 00 00"  // table 0, ADD, idle 0, hard 0, priority 0
                    + " ff ff ff ff ff ff ff ff"  // buffer NO_BUFFER, out_port ANY
                    + " ff ff ff ff 00 01 00 00"  // out_group ANY, flags SEND_FLOW_REM, pad
                    + " 00 01 00 04 00 00 00 00"  // match: OXM, empty
                    + " 00 04 00 18 00 00 00 00"  // APPLY_ACTIONS, 24 bytes
                    + " 00 00 00 10 ff ff ff fd"  // OUTPUT to CONTROLLER
                    + " ff ff 00 00 00 00 00 00", // max_len 0xffff
            "04 14 00 08 xx xx xx xx",
            "04 15 00 08 xx xx xx xx");

    // ---- OpenFlow 1.4 and 1.5: ports carry their length and an Ethernet property ----

    private static final String PORT_14_1 = ""
            + " 00 00 00 01 00 48 00 00 00 00 00 00 00 01 00 00"  // port 1, length 72, pad, hw_addr, pad
            + " 73 31 2d 65 74 68 31 00 00 00 00 00 00 00 00 00"  // "s1-eth1"
            + " 00 00 00 00 00 00 00 04 00 00 00 20 00 00 00 00"  // config, state LIVE; ETHERNET prop, 32 bytes
            + " 00 00 08 40 00 00 00 00 00 00 00 00 00 00 00 00"  // curr 10GB_FD|COPPER, adv, supported, peer
            + " 00 98 96 80 00 00 00 00";                         // curr_speed 10 Gb/s, max_speed
    private static final String PORT_14_2 = ""
            + " 00 00 00 02 00 48 00 00 00 00 00 00 00 02 00 00"
            + " 73 31 2d 65 74 68 32 00 00 00 00 00 00 00 00 00"  // "s1-eth2"
            + " 00 00 00 00 00 00 00 04 00 00 00 20 00 00 00 00"
            + " 00 00 08 40 00 00 00 00 00 00 00 00 00 00 00 00"
            + " 00 98 96 80 00 00 00 00";

    /** The 1.4 switch offers 1.0, 1.3 and 1.4 in its version bitmap. */
    static final Handshake OF_14 = new Handshake(OFVersion.OF_14,
            "05 00 00 10 00 00 00 0e 00 01 00 08 00 00 00 32",
            "05 05 00 08 00 00 00 01",
            "05 06 00 20 xx xx xx xx 00 00 00 00 00 00 00 2a"
                    + " 00 00 01 00 fe 00 00 00 00 00 00 4f 00 00 00 00",
            "05 12 00 10 xx xx xx xx 00 0d 00 00 00 00 00 00",
            List.of("05 13 00 a0 xx xx xx xx 00 0d 00 00 00 00 00 00" + PORT_14_1 + PORT_14_2),
            "05 12 00 10 xx xx xx xx 00 00 00 00 00 00 00 00",
            "05 13 04 30 xx xx xx xx 00 00 00 00 00 00 00 00" + DESC_BODY,
            "05 09 00 0c xx xx xx xx 00 00 ff ff",
            "05 0e 00 50 xx xx xx xx 57 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " ff ff ff ff ff ff ff ff ff ff ff ff 00 01 00 00"
                    + " 00 01 00 04 00 00 00 00 00 04 00 18 00 00 00 00"
                    + " 00 00 00 10 ff ff ff fd ff ff 00 00 00 00 00 00",
            "05 14 00 08 xx xx xx xx",
            "05 15 00 08 xx xx xx xx");

    /** The 1.5 switch offers 1.0, 1.3, 1.4 and 1.5; its port-description request names a port (ANY). */
    static final Handshake OF_15 = new Handshake(OFVersion.OF_15,
            "06 00 00 10 00 00 00 0f 00 01 00 08 00 00 00 72",
            "06 05 00 08 00 00 00 01",
            "06 06 00 20 xx xx xx xx 00 00 00 00 00 00 00 2a"
                    + " 00 00 01 00 fe 00 00 00 00 00 00 4f 00 00 00 00",
            "06 12 00 18 xx xx xx xx 00 0d 00 00 00 00 00 00"
                    + " ff ff ff ff 00 00 00 00",     // port_no ANY, pad
            List.of("06 13 00 a0 xx xx xx xx 00 0d 00 00 00 00 00 00" + PORT_14_1 + PORT_14_2),
            "06 12 00 10 xx xx xx xx 00 00 00 00 00 00 00 00",
            "06 13 04 30 xx xx xx xx 00 00 00 00 00 00 00 00" + DESC_BODY,
            "06 09 00 0c xx xx xx xx 00 00 ff ff",
            "06 0e 00 50 xx xx xx xx 57 00 00 00 00 00 00 00"
                    + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                    + " ff ff ff ff ff ff ff ff ff ff ff ff 00 01 00 00"
                    + " 00 01 00 04 00 00 00 00 00 04 00 18 00 00 00 00"
                    + " 00 00 00 10 ff ff ff fd ff ff 00 00 00 00 00 00",
            "06 14 00 08 xx xx xx xx",
            "06 15 00 08 xx xx xx xx");

    private Handshakes() {
    }

    static Handshake of(OFVersion version) {
        return switch (version) {
            case OF_10 -> OF_10;
            case OF_13 -> OF_13;
            case OF_14 -> OF_14;
            case OF_15 -> OF_15;
            default -> throw new IllegalArgumentException("Weft does not speak " + version);
        };
    }
}

package io.weft.southbound.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.onlab.packet.MacAddress;

/**
 * The wire format of Weft's link-discovery probe, an LLDP frame (IEEE 802.1AB) written and
 * read byte by byte, so that what is signed and what is checked is plain to see.
 *
 * <pre>
 * Ethernet  dst 01:80:c2:00:00:0e (nearest bridge: no bridge forwards it), src the sending
 *           port's MAC, ethertype 0x88cc
 * TLV 1     Chassis ID, subtype 7 (locally assigned), "dpid:" and 16 hex digits
 * TLV 2     Port ID, subtype 7 (locally assigned), the port number in decimal
 * TLV 3     TTL, seconds
 * TLV 127   OUI 0a:57:46, subtype 1: datapath id, 8 bytes
 * TLV 127   OUI 0a:57:46, subtype 2: port number, 4 bytes
 * TLV 127   OUI 0a:57:46, subtype 3: timestamp, epoch milliseconds, 8 bytes
 * TLV 127   OUI 0a:57:46, subtype 4: HMAC-SHA256 of datapath id || port || timestamp, 32 bytes
 * TLV 0     End of LLDPDU
 * </pre>
 *
 * <p>Each TLV starts with two bytes: a 7-bit type and a 9-bit length of what follows. The
 * chassis and port IDs are there for LLDP tools (tcpdump, Wireshark, lldpd); Weft believes
 * only the signed organizationally specific TLVs, and refuses a frame whose IDs disagree
 * with them.
 *
 * <p>The OUI {@code 0a:57:46} ("WF" after a first octet with the local bit set and the
 * group bit clear) is not registered with the IEEE: it is in the locally administered
 * space, where a company ID of one's own may be used without asking. Should another
 * organisation's TLVs ever use it, they could not carry a signature this controller
 * accepts.
 *
 * <p>{@link #decode} never throws: any byte array is either our probe, someone else's frame,
 * or malformed.
 */
public final class LldpProbe {
    public static final MacAddress DESTINATION = MacAddress.valueOf("01:80:c2:00:00:0e");
    public static final int ETHERTYPE_LLDP = 0x88cc;
    /** Big Switch's broadcast discovery, which Weft never sends. */
    public static final int ETHERTYPE_BDDP = 0x8942;
    /** Weft's organizationally unique identifier, see the class comment. */
    public static final int OUI = 0x0a5746;

    static final int SUBTYPE_DATAPATH = 1;
    static final int SUBTYPE_PORT = 2;
    static final int SUBTYPE_TIMESTAMP = 3;
    static final int SUBTYPE_SIGNATURE = 4;

    private static final int TLV_END = 0;
    private static final int TLV_CHASSIS_ID = 1;
    private static final int TLV_PORT_ID = 2;
    private static final int TLV_TTL = 3;
    private static final int TLV_ORGANIZATIONAL = 127;
    private static final int ID_SUBTYPE_LOCAL = 7;
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int MAX_VLAN_TAGS = 2;
    private static final String CHASSIS_PREFIX = "dpid:";

    /** What a frame turned out to be. */
    public sealed interface Decoded {
        /** Our probe's format, with a signature yet to be checked. */
        record Ours(SignedProbe probe) implements Decoded {
        }

        /** A well-formed frame that is not a signed Weft probe: another LLDP speaker's, or unsigned. */
        record NotOurs(String reason) implements Decoded {
        }

        /** Not a well-formed LLDP frame: truncated, wrong lengths, missing or duplicated TLVs. */
        record Malformed(String reason) implements Decoded {
        }
    }

    private LldpProbe() {
    }

    /**
     * The frame for {@code signed}, sent from a port whose MAC is {@code source}.
     *
     * @param ttlSeconds the TTL TLV: how long LLDP listeners should keep what it says
     */
    public static byte[] encode(SignedProbe signed, MacAddress source, int ttlSeconds) {
        if (ttlSeconds < 0 || ttlSeconds > 0xffff) {
            throw new IllegalArgumentException("ttl must fit in 16 bits, was " + ttlSeconds);
        }
        Probe probe = signed.probe();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(DESTINATION.toBytes());
        out.writeBytes(source.toBytes());
        writeShort(out, ETHERTYPE_LLDP);
        tlv(out, TLV_CHASSIS_ID, withSubtype(ID_SUBTYPE_LOCAL, chassisId(probe.datapathId())));
        tlv(out, TLV_PORT_ID, withSubtype(ID_SUBTYPE_LOCAL, portId(probe.port())));
        tlv(out, TLV_TTL, ByteBuffer.allocate(2).putShort((short) ttlSeconds).array());
        organizational(out, SUBTYPE_DATAPATH, ByteBuffer.allocate(8).putLong(probe.datapathId()).array());
        organizational(out, SUBTYPE_PORT, ByteBuffer.allocate(4).putInt((int) probe.port()).array());
        organizational(out, SUBTYPE_TIMESTAMP, ByteBuffer.allocate(8).putLong(probe.timestampMillis()).array());
        organizational(out, SUBTYPE_SIGNATURE, signed.signature());
        tlv(out, TLV_END, new byte[0]);
        return out.toByteArray();
    }

    /** What {@code frame} is; never throws, whatever the bytes. */
    public static Decoded decode(byte[] frame) {
        if (frame == null || frame.length < ETHERNET_HEADER) {
            return new Decoded.Malformed("shorter than an Ethernet header");
        }
        int offset = 12;
        int etherType = u16(frame, offset);
        for (int tags = 0; (etherType == 0x8100 || etherType == 0x88a8) && tags < MAX_VLAN_TAGS; tags++) {
            offset += VLAN_TAG;
            if (offset + 2 > frame.length) {
                return new Decoded.Malformed("truncated VLAN tag");
            }
            etherType = u16(frame, offset);
        }
        if (etherType == ETHERTYPE_BDDP) {
            return new Decoded.NotOurs("BDDP, which Weft does not send");
        }
        if (etherType != ETHERTYPE_LLDP) {
            return new Decoded.NotOurs("ethertype 0x" + Integer.toHexString(etherType) + " is not LLDP");
        }
        return new Parser(frame, offset + 2).parse();
    }

    static String chassisId(long datapathId) {
        return CHASSIS_PREFIX + String.format("%016x", datapathId);
    }

    static String portId(long port) {
        return Long.toString(port);
    }

    private static byte[] withSubtype(int subtype, String text) {
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[1 + chars.length];
        value[0] = (byte) subtype;
        System.arraycopy(chars, 0, value, 1, chars.length);
        return value;
    }

    private static void organizational(ByteArrayOutputStream out, int subtype, byte[] payload) {
        byte[] value = new byte[4 + payload.length];
        value[0] = (byte) (OUI >>> 16);
        value[1] = (byte) (OUI >>> 8);
        value[2] = (byte) OUI;
        value[3] = (byte) subtype;
        System.arraycopy(payload, 0, value, 4, payload.length);
        tlv(out, TLV_ORGANIZATIONAL, value);
    }

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        writeShort(out, (type << 9) | value.length);
        out.writeBytes(value);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    /** One pass over the TLVs of one frame; every index it reads has been bounds-checked first. */
    private static final class Parser {
        private final byte[] frame;
        private int offset;
        private byte[] chassisId;
        private byte[] portId;
        private final byte[][] ours = new byte[SUBTYPE_SIGNATURE + 1][];
        private boolean anyOfOurs;

        Parser(byte[] frame, int offset) {
            this.frame = frame;
            this.offset = offset;
        }

        Decoded parse() {
            int index = 0;
            while (true) {
                if (offset + 2 > frame.length) {
                    return new Decoded.Malformed("no End TLV: a TLV header is cut off at byte " + offset);
                }
                int header = u16(frame, offset);
                int type = header >>> 9;
                int length = header & 0x1ff;
                offset += 2;
                if (offset + length > frame.length) {
                    return new Decoded.Malformed("TLV type " + type + " of length " + length + " at byte "
                            + (offset - 2) + " runs past the end of the frame");
                }
                byte[] value = Arrays.copyOfRange(frame, offset, offset + length);
                offset += length;
                if (type == TLV_END) {
                    return length == 0 ? finish(index) : new Decoded.Malformed("End TLV of length " + length);
                }
                String refusal = take(index, type, value);
                if (refusal != null) {
                    return new Decoded.Malformed(refusal);
                }
                index++;
            }
        }

        /** Records one TLV; a reason to refuse the frame, or null. */
        private String take(int index, int type, byte[] value) {
            // 802.1AB: Chassis ID, Port ID and TTL come first, in that order, once each.
            int expected = index < 3 ? index + 1 : -1;
            boolean mandatory = type == TLV_CHASSIS_ID || type == TLV_PORT_ID || type == TLV_TTL;
            if ((expected != -1 && type != expected) || (expected == -1 && mandatory)) {
                return "TLV type " + type + " at position " + index + ": 802.1AB wants Chassis ID, Port ID, TTL"
                        + " first and once";
            }
            switch (type) {
                case TLV_CHASSIS_ID -> {
                    if (value.length < 2 || value.length > 256) {
                        return "Chassis ID of length " + value.length;
                    }
                    chassisId = value;
                }
                case TLV_PORT_ID -> {
                    if (value.length < 2 || value.length > 256) {
                        return "Port ID of length " + value.length;
                    }
                    portId = value;
                }
                case TLV_TTL -> {
                    if (value.length != 2) {
                        return "TTL of length " + value.length;
                    }
                }
                case TLV_ORGANIZATIONAL -> {
                    return organizational(value);
                }
                default -> {
                    // Optional TLVs (port description, system name...) are allowed and ignored.
                }
            }
            return null;
        }

        private String organizational(byte[] value) {
            if (value.length < 4) {
                return "organizationally specific TLV of length " + value.length;
            }
            int oui = ((value[0] & 0xff) << 16) | ((value[1] & 0xff) << 8) | (value[2] & 0xff);
            if (oui != OUI) {
                return null;
            }
            int subtype = value[3] & 0xff;
            int expectedLength = switch (subtype) {
                case SUBTYPE_DATAPATH, SUBTYPE_TIMESTAMP -> 8;
                case SUBTYPE_PORT -> 4;
                case SUBTYPE_SIGNATURE -> ProbeSigner.SIGNATURE_LENGTH;
                default -> -1;
            };
            if (expectedLength == -1) {
                return "unknown Weft TLV subtype " + subtype;
            }
            if (value.length - 4 != expectedLength) {
                return "Weft TLV subtype " + subtype + " with " + (value.length - 4) + " bytes, not "
                        + expectedLength;
            }
            if (ours[subtype] != null) {
                // Two values for one field: whichever one a reader picked, the other could mislead.
                return "Weft TLV subtype " + subtype + " twice";
            }
            ours[subtype] = Arrays.copyOfRange(value, 4, value.length);
            anyOfOurs = true;
            return null;
        }

        private Decoded finish(int count) {
            if (count < 3) {
                return new Decoded.Malformed("only " + count + " of the mandatory TLVs before End");
            }
            if (ours[SUBTYPE_SIGNATURE] == null) {
                return new Decoded.NotOurs(anyOfOurs ? "Weft TLVs without a signature" : "no Weft TLVs");
            }
            if (ours[SUBTYPE_DATAPATH] == null || ours[SUBTYPE_PORT] == null || ours[SUBTYPE_TIMESTAMP] == null) {
                return new Decoded.Malformed("a signature without the datapath, port and timestamp it signs");
            }
            Probe probe = new Probe(ByteBuffer.wrap(ours[SUBTYPE_DATAPATH]).getLong(),
                    Integer.toUnsignedLong(ByteBuffer.wrap(ours[SUBTYPE_PORT]).getInt()),
                    ByteBuffer.wrap(ours[SUBTYPE_TIMESTAMP]).getLong());
            if (!Arrays.equals(chassisId, withSubtype(ID_SUBTYPE_LOCAL, chassisId(probe.datapathId())))) {
                return new Decoded.Malformed("the Chassis ID disagrees with the signed datapath id");
            }
            if (!Arrays.equals(portId, withSubtype(ID_SUBTYPE_LOCAL, portId(probe.port())))) {
                return new Decoded.Malformed("the Port ID disagrees with the signed port");
            }
            return new Decoded.Ours(new SignedProbe(probe, ours[SUBTYPE_SIGNATURE]));
        }
    }
}

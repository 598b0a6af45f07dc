package io.weft.northbound.service;

import io.weft.topology.device.DeviceIds;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Reads ids and values from a request's text strictly; anything else is
 * {@link ServiceException.Kind#INVALID}, with a message naming what was expected. Both faces
 * read every id through here.
 */
public final class Ids {
    /** A physical port number: OpenFlow's, below its reserved ports. */
    public static final Range PHYSICAL_PORT = new Range(1, 0xffffff00L);
    public static final Range VLAN = new Range(1, 4094);
    public static final Range VIRTUAL_PORT = new Range(1, VirtualPortId.MAX_PORT);

    private static final Pattern DEVICE = Pattern.compile("of:[0-9a-fA-F]{16}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    /** Tenants, networks and virtual switches are named alike: the model's rule, checked here for the message. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final String NAME_RULE = "1 to 32 characters of a-z, 0-9 and '-', starting with a letter";
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern LINK = Pattern.compile(
            "([a-z][a-z0-9-]{0,31}):([1-9][0-9]{0,4})-([a-z][a-z0-9-]{0,31}):([1-9][0-9]{0,4})");

    private Ids() {
    }

    public static boolean looksLikeDevice(String text) {
        return DEVICE.matcher(text).matches();
    }

    public static boolean looksLikeMac(String text) {
        return MAC.matcher(text).matches();
    }

    /** A device id; upper-case hex digits are accepted and written the way Weft writes them. */
    public static DeviceId device(String text) {
        if (!looksLikeDevice(text)) {
            throw ServiceException.invalid("malformed device id " + ServiceException.echo(text)
                    + ": expected of: and 16 hex digits, e.g. of:0000000000000001");
        }
        return DeviceIds.fromDatapathId(Long.parseUnsignedLong(text.substring(3), 16));
    }

    public static MacAddress mac(String text) {
        if (!looksLikeMac(text)) {
            throw ServiceException.invalid("malformed MAC address " + ServiceException.echo(text)
                    + ": expected six hex pairs separated by colons, e.g. 00:00:00:00:00:01");
        }
        return MacAddress.valueOf(text);
    }

    public static IpAddress ip(String text) {
        try {
            return IpAddress.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("malformed IP address " + ServiceException.echo(text));
        }
    }

    public static String name(String what, String text) {
        if (!NAME.matcher(text).matches()) {
            throw ServiceException.invalid("malformed " + what + " " + ServiceException.echo(text) + ": expected "
                    + NAME_RULE);
        }
        return text;
    }

    public static TenantId tenant(String text) {
        return new TenantId(name("tenant id", text));
    }

    public static NetworkId network(TenantId tenant, String text) {
        return new NetworkId(tenant, name("network id", text));
    }

    /** A network's kind as the API writes it: {@code big-switch} or {@code custom}. */
    public static VirtualNetwork.Kind kind(String text) {
        return VirtualNetwork.Kind.fromWireName(text).orElseThrow(() -> ServiceException.invalid("unknown kind "
                + ServiceException.echo(text) + ": expected big-switch or custom"));
    }

    public static String virtualSwitch(String text) {
        return name("virtual switch id", text);
    }

    /** A virtual port number written in a path, e.g. {@code 3}. */
    public static int virtualPort(String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > VirtualPortId.MAX_PORT) {
            throw ServiceException.invalid("malformed virtual port number " + ServiceException.echo(text)
                    + ": expected 1.." + VirtualPortId.MAX_PORT);
        }
        return Integer.parseInt(text);
    }

    public static String attachment(String text) {
        if (!Attachment.isId(text)) {
            throw ServiceException.invalid("malformed attachment id " + ServiceException.echo(text)
                    + ": expected att- and a number, e.g. att-1");
        }
        return text;
    }

    /** A virtual link's id, {@code vs1:3-vs2:1}: its two ends. */
    public static LinkEnds link(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > VirtualPortId.MAX_PORT
                || Integer.parseInt(m.group(4)) > VirtualPortId.MAX_PORT) {
            throw ServiceException.invalid("malformed link id " + ServiceException.echo(text)
                    + ": expected its two ends, switch:port-switch:port, e.g. vs1:3-vs2:1");
        }
        return new LinkEnds(new VirtualPortId(m.group(1), Integer.parseInt(m.group(2))),
                new VirtualPortId(m.group(3), Integer.parseInt(m.group(4))));
    }

    /** A physical port number, checked against {@link #PHYSICAL_PORT} as {@code field}. */
    public static PortNumber physicalPort(String field, long number) {
        return PortNumber.portNumber(PHYSICAL_PORT.check(field, number));
    }

    /** A VLAN id, checked against {@link #VLAN} as {@code field}. */
    public static VlanId vlan(String field, long vlan) {
        return VlanId.vlanId((short) VLAN.check(field, vlan));
    }
}

package io.weft.northbound;

import io.weft.topology.device.DeviceIds;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualPortId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/** Parses ids from request paths strictly; anything else is a 400 naming what was expected. */
final class Ids {
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

    static boolean looksLikeDevice(String text) {
        return DEVICE.matcher(text).matches();
    }

    static boolean looksLikeMac(String text) {
        return MAC.matcher(text).matches();
    }

    /** A device id; upper-case hex digits are accepted and written the way Weft writes them. */
    static DeviceId device(String text) {
        if (!looksLikeDevice(text)) {
            throw ApiException.badRequest("malformed device id " + ApiException.echo(text)
                    + ": expected of: and 16 hex digits, e.g. of:0000000000000001");
        }
        return DeviceIds.fromDatapathId(Long.parseUnsignedLong(text.substring(3), 16));
    }

    static MacAddress mac(String text) {
        if (!looksLikeMac(text)) {
            throw ApiException.badRequest("malformed MAC address " + ApiException.echo(text)
                    + ": expected six hex pairs separated by colons, e.g. 00:00:00:00:00:01");
        }
        return MacAddress.valueOf(text);
    }

    static String name(String what, String text) {
        if (!NAME.matcher(text).matches()) {
            throw ApiException.badRequest("malformed " + what + " " + ApiException.echo(text) + ": expected "
                    + NAME_RULE);
        }
        return text;
    }

    static TenantId tenant(String text) {
        return new TenantId(name("tenant id", text));
    }

    static NetworkId network(TenantId tenant, String text) {
        return new NetworkId(tenant, name("network id", text));
    }

    static String virtualSwitch(String text) {
        return name("virtual switch id", text);
    }

    static int virtualPort(String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > VirtualPortId.MAX_PORT) {
            throw ApiException.badRequest("malformed virtual port number " + ApiException.echo(text) + ": expected 1.."
                    + VirtualPortId.MAX_PORT);
        }
        return Integer.parseInt(text);
    }

    static String attachment(String text) {
        if (!Attachment.isId(text)) {
            throw ApiException.badRequest("malformed attachment id " + ApiException.echo(text)
                    + ": expected att- and a number, e.g. att-1");
        }
        return text;
    }

    /** A virtual link's id, {@code vs1:3-vs2:1}: its two ends. */
    static VirtualPortId[] link(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > VirtualPortId.MAX_PORT
                || Integer.parseInt(m.group(4)) > VirtualPortId.MAX_PORT) {
            throw ApiException.badRequest("malformed link id " + ApiException.echo(text)
                    + ": expected its two ends, switch:port-switch:port, e.g. vs1:3-vs2:1");
        }
        return new VirtualPortId[] {new VirtualPortId(m.group(1), Integer.parseInt(m.group(2))),
                new VirtualPortId(m.group(3), Integer.parseInt(m.group(4)))};
    }
}

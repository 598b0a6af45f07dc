package io.weft.northbound;

import io.weft.topology.device.DeviceIds;
import java.util.regex.Pattern;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/** Parses ids from request paths strictly; anything else is a 400 naming what was expected. */
final class Ids {
    private static final Pattern DEVICE = Pattern.compile("of:[0-9a-fA-F]{16}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

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
}

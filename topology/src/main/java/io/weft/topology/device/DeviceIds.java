package io.weft.topology.device;

import org.onosproject.net.DeviceId;

/** Device ids as Weft writes them: {@code of:} and the datapath id in 16 hex digits. */
public final class DeviceIds {
    private DeviceIds() {
    }

    public static DeviceId fromDatapathId(long dpid) {
        return DeviceId.deviceId(String.format("of:%016x", dpid));
    }

    public static long datapathId(DeviceId id) {
        String text = id.toString();
        if (!text.startsWith("of:") || text.length() != 19) {
            throw new IllegalArgumentException("not an OpenFlow device id: " + text);
        }
        return Long.parseUnsignedLong(text.substring(3), 16);
    }
}

package io.weft.topology.virtual;

import java.util.Comparator;

/** A port of a virtual switch: the switch's name and the port's number on it (from 1). */
public record VirtualPortId(String virtualSwitch, int port) implements Comparable<VirtualPortId> {
    public static final int MAX_PORT = 65_279;
    private static final Comparator<VirtualPortId> ORDER = Comparator.comparing(VirtualPortId::virtualSwitch)
            .thenComparingInt(VirtualPortId::port);

    public VirtualPortId {
        Names.check("a virtual switch id", virtualSwitch);
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("a virtual port number must be within 1.." + MAX_PORT + ", got " + port);
        }
    }

    /** Reads {@code vs1:3}, as {@link #toString} writes it. */
    public static VirtualPortId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("a virtual port is written switch:number, e.g. vs1:3; got '"
                    + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'");
        }
        return new VirtualPortId(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    public int compareTo(VirtualPortId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return virtualSwitch + ":" + port;
    }
}

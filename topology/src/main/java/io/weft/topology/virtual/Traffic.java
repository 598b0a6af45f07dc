package io.weft.topology.virtual;

/** Packets and bytes, as flow rules counted them. */
public record Traffic(long packets, long bytes) {
    public static final Traffic ZERO = new Traffic(0, 0);

    public Traffic {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("traffic cannot be negative: " + packets + " packets, " + bytes
                    + " bytes");
        }
    }

    public Traffic plus(Traffic other) {
        return new Traffic(packets + other.packets, bytes + other.bytes);
    }
}

package io.weft.southbound.api;

/**
 * The layout of the 64-bit cookie on every flow rule Weft installs:
 * byte 7 is {@code 0x57} ('W', "a Weft rule"), byte 6 the owning app's id, and the low
 * 48 bits are the app's own (a virtual network, a path...). A rule whose cookie does not
 * carry the marker is not Weft's and is left alone.
 */
public final class Cookies {
    public static final long WEFT_MARKER = 0x57L << 56;
    private static final long MARKER_MASK = 0xffL << 56;
    private static final long OWNER_MASK = (1L << 48) - 1;

    private Cookies() {
    }

    public static long cookie(AppId app, long owner) {
        if ((owner & ~OWNER_MASK) != 0) {
            throw new IllegalArgumentException("owner must fit in 48 bits, was " + Long.toHexString(owner));
        }
        return WEFT_MARKER | ((long) app.id() << 48) | owner;
    }

    public static boolean isWeft(long cookie) {
        return (cookie & MARKER_MASK) == WEFT_MARKER;
    }

    public static int appId(long cookie) {
        return (int) ((cookie >>> 48) & 0xff);
    }
}

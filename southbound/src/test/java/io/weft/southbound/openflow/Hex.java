package io.weft.southbound.openflow;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Wire bytes written as text for golden fixtures: two hex digits a byte, whitespace free.
 * In a pattern {@code xx} stands for a byte the test does not fix (an xid the controller
 * chose, or one a reply copies from the request).
 */
final class Hex {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    /** The bytes of {@code hex}, which has no {@code xx}. */
    static byte[] bytes(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in " + hex);
        }
        return HexFormat.of().parseHex(digits);
    }

    /** The bytes of a reply pattern whose {@code xx xx xx xx} at offset 4 is filled in with {@code xid}. */
    static byte[] withXid(String pattern, long xid) {
        String header = String.format("%08x", xid);
        String filled = normalize(pattern);
        if (!filled.substring(12, 23).equals("xx xx xx xx")) {
            throw new IllegalArgumentException("pattern has no xx xid at offset 4: " + pattern);
        }
        filled = filled.substring(0, 12) + header.substring(0, 2) + " " + header.substring(2, 4) + " "
                + header.substring(4, 6) + " " + header.substring(6, 8) + filled.substring(23);
        return bytes(filled);
    }

    /** {@code text} in ASCII, zero-padded to {@code width} bytes, as hex: a fixed-width string field. */
    static String ascii(String text, int width) {
        byte[] field = new byte[width];
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chars, 0, field, 0, chars.length);
        return " " + of(field) + " ";
    }

    /** Lower-case hex, one space between bytes. */
    static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** A hex text or pattern in the form {@link #of} writes. */
    static String normalize(String hex) {
        String digits = hex.replaceAll("\\s+", "").toLowerCase();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(digits, i, Math.min(i + 2, digits.length()));
        }
        return out.toString();
    }

    /**
     * {@code pattern} with each {@code xx} replaced by the byte {@code actual} has there, so
     * that comparing the result with {@code of(actual)} checks every fixed byte and shows a
     * readable difference when one is wrong.
     */
    static String fillWildcards(String pattern, byte[] actual) {
        String[] expected = normalize(pattern).split(" ");
        for (int i = 0; i < expected.length && i < actual.length; i++) {
            if (expected[i].equals("xx")) {
                expected[i] = String.format("%02x", actual[i] & 0xff);
            }
        }
        return String.join(" ", expected);
    }
}

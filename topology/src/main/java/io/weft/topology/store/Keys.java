package io.weft.topology.store;

/**
 * What a key, a prefix and a value may be, checked where they enter the SPI so that every
 * implementation, etcd included, sees the same. Implementations check the keys and prefixes
 * they are handed with these; {@link Txn} and its parts check their own.
 */
public final class Keys {
    /** Keys are identifiers built from ids the API already validated; this leaves room. */
    public static final int MAX_KEY_LENGTH = 1024;

    private Keys() {
    }

    public static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        return checkPrefix(key);
    }

    /** A prefix is a key that may be empty; the empty prefix means every key. */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("a prefix must not be null");
        }
        if (prefix.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key longer than " + MAX_KEY_LENGTH + " characters: "
                    + prefix.substring(0, 40) + "...");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            // Printable ASCII only: string order is then UTF-8 byte order, etcd's order.
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("key " + printable(prefix)
                        + " has a character other than printable ASCII (no spaces) at " + i);
            }
        }
        return prefix;
    }

    /** The value's size in UTF-8; refuses an unpaired surrogate, which UTF-8 cannot carry. */
    public static int utf8Length(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a value must not be null");
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("value has an unpaired surrogate at " + i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder("'");
        s.codePoints().limit(80).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return out.append('\'').toString();
    }
}

package io.weft.topology.virtual;

import java.util.regex.Pattern;

/** The one rule for the short names tenants and admins choose: tenants, networks, virtual switches. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private Names() {
    }

    static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 32 characters of a-z, 0-9 and '-', starting"
                    + " with a letter; got " + (name == null ? "nothing" : "'" + name + "'"));
        }
        return name;
    }
}

package io.weft.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code ovs-ofctl dump-flows}, with the fields the lab checks read out.
 *
 * @param cookie     the flow's cookie
 * @param priority   the flow's priority; ovs-ofctl leaves out the default, 32768
 * @param matchesAll whether the flow has no match fields at all
 * @param line       the line as ovs-ofctl printed it, for failure messages
 */
public record FlowEntry(long cookie, int priority, boolean matchesAll, String line) {
    private static final Pattern COOKIE = Pattern.compile("(?:^|[\\s,])cookie=0x(\\p{XDigit}{1,16})(?:[,\\s]|$)");
    /** ovs-ofctl prints "..., n_bytes=0, [flags ]priority=N,match... actions=...". */
    private static final Pattern PRIORITY_AND_MATCH = Pattern.compile("(\\S+) actions=");
    private static final Pattern PRIORITY = Pattern.compile("^priority=(\\d+)(,|$)");
    private static final int DEFAULT_PRIORITY = 32768;
    private static final long WEFT_MARKER = 0x57L;
    /** The apps of {@link #weftApp()}. */
    public static final int CONTROLLER = 0x00;
    public static final int DISCOVERY = 0x02;
    public static final int PATH_FORWARDING = 0x03;

    public static FlowEntry parse(String line) {
        Matcher cookie = COOKIE.matcher(line);
        Matcher priorityAndMatch = PRIORITY_AND_MATCH.matcher(line);
        if (!cookie.find() || !priorityAndMatch.find()) {
            throw new IllegalArgumentException("not a flow line of ovs-ofctl dump-flows: " + line);
        }
        String token = priorityAndMatch.group(1);
        if (token.endsWith(",")) {
            // The last field before the actions is a statistic: default priority, no match.
            return new FlowEntry(Long.parseUnsignedLong(cookie.group(1), 16), DEFAULT_PRIORITY, true, line);
        }
        Matcher priority = PRIORITY.matcher(token);
        boolean hasPriority = priority.find();
        boolean matchesAll = hasPriority && priority.group(2).isEmpty();
        return new FlowEntry(Long.parseUnsignedLong(cookie.group(1), 16),
                hasPriority ? Integer.parseInt(priority.group(1)) : DEFAULT_PRIORITY, matchesAll, line);
    }

    /** Weft marks every rule it installs with 0x57 ('W') in the cookie's top byte. */
    public boolean hasWeftCookie() {
        return cookie >>> 56 == WEFT_MARKER;
    }

    /**
     * The app that owns a Weft flow: the cookie's second byte (0x00 the controller's own
     * table-miss entry, 0x02 discovery, 0x03 path forwarding); -1 for a flow not Weft's.
     */
    public int weftApp() {
        return hasWeftCookie() ? (int) (cookie >>> 48) & 0xff : -1;
    }

    /** A table-miss entry: priority 0, no match fields, whoever installed it. */
    public boolean isTableMiss() {
        return priority == 0 && matchesAll;
    }

    @Override
    public String toString() {
        return line;
    }
}

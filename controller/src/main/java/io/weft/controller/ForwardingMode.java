package io.weft.controller;

/** Which forwarding app runs: shortest paths between known hosts (the default), or per-switch MAC learning. */
public enum ForwardingMode {
    PATH, LEARNING;

    /** The name used in config files and flags. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ForwardingMode parse(String key, String where) {
        for (ForwardingMode mode : values()) {
            if (mode.key().equals(key)) {
                return mode;
            }
        }
        throw new ConfigException(where + ": expected 'path' or 'learning', got '" + key + "'");
    }
}

package io.weft.southbound.api;

import java.util.Objects;

/**
 * Names an app that owns flow rules. The id goes into the rules' cookies, so it must stay
 * stable across releases: 0 is the controller's core, 1 reactive forwarding, 2 link
 * discovery.
 */
public record AppId(int id, String name) {
    public static final AppId CORE = new AppId(0, "core");

    public AppId {
        Objects.requireNonNull(name, "name");
        if (id < 0 || id > 0xff) {
            throw new IllegalArgumentException("app id must fit in one byte, was " + id);
        }
    }
}

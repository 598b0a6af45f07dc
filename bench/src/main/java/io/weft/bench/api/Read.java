package io.weft.bench.api;

import java.util.Arrays;
import java.util.Locale;

/** A read of the populated fabric, the same list over either protocol. */
enum Read {
    DEVICES("ListDevices"), LINKS("ListLinks"), HOSTS("ListHosts");

    private final String grpcMethod;

    Read(String grpcMethod) {
        this.grpcMethod = grpcMethod;
    }

    /** As the command line and the JSON line write it: {@code devices}, {@code links}, {@code hosts}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String restPath() {
        return "/api/v1/" + wireName();
    }

    /** The method of {@code weft.v1.Topology} that answers the same list. */
    String grpcMethod() {
        return grpcMethod;
    }

    static Read of(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--reads are devices, links and hosts"
                        + " (or none), was '" + text + "'"));
    }
}

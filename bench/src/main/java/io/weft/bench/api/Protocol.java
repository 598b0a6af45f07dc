package io.weft.bench.api;

import java.util.Arrays;
import java.util.Locale;

/** The two ways the controller's API is reached. */
enum Protocol {
    REST("REST"), GRPC("gRPC");

    private final String displayName;

    Protocol(String displayName) {
        this.displayName = displayName;
    }

    /** As a person writes it. */
    String displayName() {
        return displayName;
    }

    /** As the command line and the JSON line write it: {@code rest}, {@code grpc}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Protocol of(String text) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--protocols are rest and grpc, was '"
                        + text + "'"));
    }
}

package io.weft.apps.forwarding;

import io.weft.topology.host.HostKey;
import java.util.Objects;

/** Traffic from one host to another: one direction of a conversation, with its own rules. */
record HostPair(HostKey src, HostKey dst) {
    HostPair {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
    }

    HostPair reversed() {
        return new HostPair(dst, src);
    }

    boolean involves(HostKey host) {
        return src.equals(host) || dst.equals(host);
    }
}

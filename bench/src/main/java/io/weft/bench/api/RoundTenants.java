package io.weft.bench.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where a creation load's networks go: a tenant of its own for each round, made before the
 * round's clock starts and deleted with its networks once it stops. Every round so starts from
 * the same state, and a run never holds more than one round's networks, which Weft's fabric tags
 * bound (4,094 networks in all). The prefix is new for each run, so that a controller that is
 * already running keeps its own tenants untouched.
 */
record RoundTenants(String prefix) {
    /** Networks are big switches: a custom network costs the same to create, and has no switch yet either. */
    static final String KIND = "big-switch";

    static RoundTenants fresh(Protocol protocol) {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return new RoundTenants("bench-" + protocol.wireName() + "-" + HexFormat.of().formatHex(bytes));
    }

    String tenant(int round) {
        return prefix + "-" + round;
    }

    /** The name of request {@code n}'s network, distinct within its round's tenant. */
    static String network(int n) {
        return "n" + n;
    }
}

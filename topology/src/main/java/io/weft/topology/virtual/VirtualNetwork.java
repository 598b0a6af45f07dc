package io.weft.topology.virtual;

import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's virtual network.
 *
 * @param kind {@link Kind#BIG_SWITCH}: the fabric looks like one switch whose ports are the
 *             network's attachments; {@link Kind#CUSTOM}: the tenant's own virtual switches and links
 * @param tag  the fabric tag that carries the network's traffic across the fabric (a VLAN id,
 *             1..4094), chosen by Weft, unique among networks
 */
public record VirtualNetwork(NetworkId id, Kind kind, int tag) implements VirtualElement {
    public enum Kind {
        BIG_SWITCH("big-switch"), CUSTOM("custom");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The kind's name in the API and the store: {@code big-switch} or {@code custom}. */
        public String wireName() {
            return wireName;
        }

        public static Optional<Kind> fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public VirtualNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (tag < 1 || tag > 4094) {
            throw new IllegalArgumentException("a fabric tag must be within 1..4094, got " + tag);
        }
    }

    @Override
    public TenantId tenant() {
        return id.tenant();
    }
}

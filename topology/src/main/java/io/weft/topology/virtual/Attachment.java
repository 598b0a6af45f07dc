package io.weft.topology.virtual;

import io.weft.topology.link.ConnectPoint;
import java.util.Objects;
import java.util.Optional;
import org.onlab.packet.VlanId;

/**
 * A physical access point an admin granted to one tenant: a port, or a VLAN on a port (then
 * several tenants can share the port, each on its own VLAN).
 *
 * @param id   {@code att-} and a number, unique across tenants
 * @param vlan the tenant's VLAN on the port; empty for the whole (untagged) port
 */
public record Attachment(String id, TenantId tenant, ConnectPoint point, Optional<VlanId> vlan)
        implements VirtualElement {
    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(vlan, "vlan");
        if (!isId(id)) {
            throw new IllegalArgumentException("an attachment id is att- and a number, got '" + id + "'");
        }
        vlan.ifPresent(v -> {
            if (v.equals(VlanId.NONE) || v.equals(VlanId.ANY) || v.toShort() < 1 || v.toShort() > 4094) {
                throw new IllegalArgumentException("an attachment's VLAN must be within 1..4094, got " + v);
            }
        });
    }

    /** Whether {@code text} has the form of an attachment id; says nothing of whether one exists. */
    public static boolean isId(String text) {
        return text != null && text.matches("att-[1-9][0-9]{0,9}");
    }

    /** The number in the id, which orders attachments as they were granted. */
    public long number() {
        return Long.parseLong(id.substring(4));
    }

    /** True when the two cannot both be granted: the same port, and one of them takes the whole port or both the same VLAN. */
    public boolean overlaps(Attachment other) {
        return point.equals(other.point) && (vlan.isEmpty() || other.vlan.isEmpty() || vlan.equals(other.vlan));
    }
}

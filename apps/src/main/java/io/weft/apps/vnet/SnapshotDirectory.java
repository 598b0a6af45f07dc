package io.weft.apps.vnet;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.onlab.packet.VlanId;

/** A {@link VnetDirectory} of networks that do not change. */
final class SnapshotDirectory implements VnetDirectory {
    private record Key(ConnectPoint port, VlanId vlan) {
    }

    private final Map<Key, NetworkSpec> byAttachment;
    private final Map<Integer, NetworkSpec> byTag;

    SnapshotDirectory(Collection<NetworkSpec> networks) {
        Map<Key, NetworkSpec> attachments = new HashMap<>();
        Map<Integer, NetworkSpec> tags = new HashMap<>();
        for (NetworkSpec spec : networks) {
            tags.putIfAbsent(spec.network().tag(), spec);
            for (Attachment attachment : spec.edges().values()) {
                attachments.putIfAbsent(new Key(attachment.point(), attachment.vlan().orElse(VlanId.NONE)), spec);
            }
        }
        this.byAttachment = Map.copyOf(attachments);
        this.byTag = Map.copyOf(tags);
    }

    @Override
    public Optional<NetworkSpec> networkAt(ConnectPoint port, VlanId vlan) {
        NetworkSpec onVlan = byAttachment.get(new Key(port, vlan));
        return Optional.ofNullable(onVlan != null ? onVlan : byAttachment.get(new Key(port, VlanId.NONE)));
    }

    @Override
    public Optional<NetworkSpec> networkTagged(int tag) {
        return Optional.ofNullable(byTag.get(tag));
    }
}

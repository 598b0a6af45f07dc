package io.weft.topology.virtual;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tenant and everything it owns, as read from its keys at one store revision; immutable.
 *
 * @param versionRevision the modRevision of the tenant's version key, which a change of the
 *                        tenant requires to be unchanged when it commits
 * @param tokenHashes     the SHA-256 hashes (hex) of its bearer tokens
 */
record TenantState(TenantId id, long versionRevision, SortedSet<String> tokenHashes,
                   SortedMap<String, Attachment> attachments, SortedMap<String, NetworkState> networks) {
    /** att-2 before att-10. */
    static final Comparator<String> ATTACHMENT_ORDER = Comparator.comparingLong((String id) -> Long.parseLong(
            id.substring(id.indexOf('-') + 1))).thenComparing(Comparator.naturalOrder());

    TenantState {
        tokenHashes = Collections.unmodifiableSortedSet(new TreeSet<>(tokenHashes));
        SortedMap<String, Attachment> sorted = new TreeMap<>(ATTACHMENT_ORDER);
        sorted.putAll(attachments);
        attachments = Collections.unmodifiableSortedMap(sorted);
        networks = Collections.unmodifiableSortedMap(new TreeMap<>(networks));
    }

    static TenantState of(TenantId id, long versionRevision, SortedSet<String> tokenHashes,
                          Map<String, Attachment> attachments, Map<String, NetworkState> networks) {
        return new TenantState(id, versionRevision, tokenHashes, new TreeMap<>(attachments), new TreeMap<>(networks));
    }

    Tenant tenant() {
        return new Tenant(id, tokenHashes.size());
    }

    Optional<NetworkState> network(NetworkId network) {
        return network.tenant().equals(id) ? Optional.ofNullable(networks.get(network.name())) : Optional.empty();
    }

    /** The port, in any of the tenant's networks, bound to the attachment. */
    Optional<VirtualPort> portBoundTo(String attachmentId) {
        return networks.values().stream().flatMap(n -> n.portBoundTo(attachmentId).stream()).findFirst();
    }

    List<VirtualNetwork> virtualNetworks() {
        return networks.values().stream().map(NetworkState::network).toList();
    }
}

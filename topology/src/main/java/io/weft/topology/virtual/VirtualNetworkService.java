package io.weft.topology.virtual;

import io.weft.topology.event.EventListener;
import java.util.List;
import java.util.Optional;
import org.onlab.packet.MacAddress;

/**
 * Reads tenants and their virtual networks. Answers come from memory, kept in step with the
 * durable store; what a tenant-scoped query asks of an unknown tenant or network is simply
 * empty. Lists are sorted: tenants and networks by name, attachments by number, switches by
 * name, ports and links by switch then port, hosts by MAC.
 */
public interface VirtualNetworkService {
    List<Tenant> tenants();

    Optional<Tenant> tenant(TenantId id);

    /**
     * The tenant a bearer token belongs to. Looked up by the token's SHA-256 hash, which is all
     * Weft keeps; empty for a token that is unknown or was revoked.
     */
    Optional<TenantId> tenantOfToken(String token);

    List<Attachment> attachments(TenantId tenant);

    Optional<Attachment> attachment(TenantId tenant, String id);

    /** Every tenant's networks, for those that compile them all. */
    List<VirtualNetwork> networks();

    List<VirtualNetwork> networks(TenantId tenant);

    Optional<VirtualNetwork> network(NetworkId id);

    /** A big switch's one switch, {@link VirtualPort#BIG_SWITCH}, or a custom network's own. */
    List<VirtualSwitch> switches(NetworkId network);

    /** The ports of every switch of the network. */
    List<VirtualPort> ports(NetworkId network);

    Optional<VirtualPort> port(NetworkId network, VirtualPortId id);

    List<VirtualLink> links(NetworkId network);

    /** Declared hosts and learned ones; a declared host hides a learned one with its MAC. */
    List<VirtualHost> hosts(NetworkId network);

    Optional<VirtualHost> host(NetworkId network, MacAddress mac);

    void addListener(EventListener<VirtualNetworkEvent> listener);
}

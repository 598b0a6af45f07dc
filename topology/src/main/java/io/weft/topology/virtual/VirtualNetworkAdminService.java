package io.weft.topology.virtual;

import io.weft.topology.link.ConnectPoint;
import java.util.Optional;
import java.util.Set;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/**
 * Changes tenants and their virtual networks. Each change is checked whole against the stored
 * state and then committed as one store transaction, or refused with a
 * {@link VirtualNetworkException} and nothing changed: there is never a partial change. When a
 * method returns, the change is durable and {@link VirtualNetworkService} already shows it.
 *
 * <p>Deleting something deletes what it contains: a tenant its tokens, attachments and
 * networks; a network its switches, ports, links and hosts; a switch its ports; a port the link
 * and the declared hosts at it. An attachment is the admin's grant and a port the tenant's use
 * of it, so an attachment in use is not deleted ({@link VirtualNetworkException.Conflict}).
 */
public interface VirtualNetworkAdminService {
    /** Creates a tenant with its first bearer token, returned in clear this once. */
    IssuedToken createTenant(TenantId id);

    void deleteTenant(TenantId id);

    /** A new bearer token for the tenant; with {@code revokeOthers}, the only one it has. */
    IssuedToken issueToken(TenantId tenant, boolean revokeOthers);

    /** Revokes every token of the tenant; returns how many there were. */
    int revokeTokens(TenantId tenant);

    /** Grants a tenant a physical port, or a VLAN on one; refused if it overlaps any grant of any tenant. */
    Attachment createAttachment(TenantId tenant, ConnectPoint point, Optional<VlanId> vlan);

    void deleteAttachment(TenantId tenant, String attachmentId);

    /** Creates a network and gives it a fabric tag no other network has. */
    VirtualNetwork createNetwork(NetworkId id, VirtualNetwork.Kind kind);

    void deleteNetwork(NetworkId id);

    /** Adds a virtual switch to a custom network. */
    VirtualSwitch addSwitch(NetworkId network, String switchId);

    void removeSwitch(NetworkId network, String switchId);

    /**
     * Adds a port to a virtual switch with the lowest free number: bound to one of the tenant's
     * attachments (an edge port; every port of a big switch is one), or internal (empty), to be
     * one end of a virtual link. An attachment is bound to one port at most.
     */
    VirtualPort addPort(NetworkId network, String switchId, Optional<String> attachmentId);

    void removePort(NetworkId network, VirtualPortId port);

    /** Links two internal ports of different switches of a custom network; a port is in one link at most. */
    VirtualLink addLink(NetworkId network, VirtualPortId src, VirtualPortId dst);

    /** Removes the link between the two ports, named in either order. */
    void removeLink(NetworkId network, VirtualPortId a, VirtualPortId b);

    /** Declares a host at an edge port; its MAC, and each of its addresses, unique in the network. */
    VirtualHost declareHost(NetworkId network, MacAddress mac, Set<IpAddress> ips, VirtualPortId port);

    void removeHost(NetworkId network, MacAddress mac);
}

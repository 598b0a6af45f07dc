package io.weft.topology.virtual;

/**
 * One of the things a tenant owns: what a {@link VirtualNetworkEvent} is about. Sealed, so a
 * listener's switch over the kinds is checked by the compiler.
 */
public sealed interface VirtualElement
        permits Tenant, Attachment, VirtualNetwork, VirtualSwitch, VirtualPort, VirtualLink, VirtualHost {
    /** The tenant that owns it. */
    TenantId tenant();
}

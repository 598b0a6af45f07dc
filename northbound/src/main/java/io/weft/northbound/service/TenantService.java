package io.weft.northbound.service;

import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.IssuedToken;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tenants, their tokens and their attachments. Creating and deleting tenants and attachments is
 * the admin's; a tenant reads its own, and issues or revokes its own tokens. Changes wait for the
 * durable store: callers run them where blocking is allowed.
 */
public final class TenantService {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final Access access;
    private final Views views;

    TenantService(VirtualNetworkService networks, VirtualNetworkAdminService admin, Access access, Views views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    public List<TenantView> tenants(Principal who) {
        Access.requireAdmin(who, "listing tenants");
        return networks.tenants().stream().map(views::tenant).toList();
    }

    /** A new tenant and its first token, in clear this once. */
    public IssuedToken createTenant(Principal who, Supplier<TenantId> id) {
        Access.requireAdmin(who, "creating a tenant");
        TenantId tenant = id.get();
        return ServiceException.changing(() -> admin.createTenant(tenant));
    }

    public TenantView tenant(Principal who, TenantId id) {
        access.tenant(who, id);
        return views.tenant(networks.tenant(id).orElseThrow(() -> ServiceException.notFound("no tenant " + id)));
    }

    public void deleteTenant(Principal who, TenantId id) {
        access.tenant(who, id);
        Access.requireAdmin(who, "deleting a tenant");
        ServiceException.changing(() -> admin.deleteTenant(id));
    }

    /** A new token for the tenant; with {@code revokeOthers}, the only one it has. */
    public IssuedToken issueToken(Principal who, TenantId id, Supplier<Boolean> revokeOthers) {
        access.tenant(who, id);
        boolean revoke = revokeOthers.get();
        return ServiceException.changing(() -> admin.issueToken(id, revoke));
    }

    /** Revokes every token of the tenant; returns how many there were. */
    public int revokeTokens(Principal who, TenantId id) {
        access.tenant(who, id);
        return ServiceException.changing(() -> admin.revokeTokens(id));
    }

    public List<AttachmentView> attachments(Principal who, TenantId id) {
        access.tenant(who, id);
        return networks.attachments(id).stream().map(a -> views.attachment(a, who)).toList();
    }

    public AttachmentView createAttachment(Principal who, TenantId id, Supplier<AttachmentRequest> request) {
        access.tenant(who, id);
        Access.requireAdmin(who, "granting an attachment");
        AttachmentRequest grant = request.get();
        return views.attachment(ServiceException.changing(() -> admin.createAttachment(id, grant.point(),
                grant.vlan())), who);
    }

    public AttachmentView attachment(Principal who, TenantId id, String attachmentId) {
        return views.attachment(requireAttachment(who, id, attachmentId), who);
    }

    public void deleteAttachment(Principal who, TenantId id, String attachmentId) {
        Attachment attachment = requireAttachment(who, id, attachmentId);
        Access.requireAdmin(who, "deleting an attachment");
        ServiceException.changing(() -> admin.deleteAttachment(attachment.tenant(), attachment.id()));
    }

    private Attachment requireAttachment(Principal who, TenantId id, String attachmentId) {
        access.tenant(who, id);
        return networks.attachment(id, attachmentId)
                .orElseThrow(() -> ServiceException.notFound("no attachment " + attachmentId));
    }
}

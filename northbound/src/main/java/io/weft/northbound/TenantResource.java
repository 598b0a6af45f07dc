package io.weft.northbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.IssuedToken;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetworkAdminService;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.Optional;
import java.util.Set;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * Tenants, their tokens and their attachments: {@code /api/v1/tenants[/{t}[/tokens|/attachments[/{a}]]]}.
 * Creating and deleting tenants and attachments is the admin's; a tenant reads its own, and
 * issues or revokes its own tokens.
 */
final class TenantResource {
    private final VirtualNetworkService networks;
    private final VirtualNetworkAdminService admin;
    private final TenantAccess access;
    private final VirtualViews views;

    TenantResource(VirtualNetworkService networks, VirtualNetworkAdminService admin, TenantAccess access,
                   VirtualViews views) {
        this.networks = networks;
        this.admin = admin;
        this.access = access;
        this.views = views;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("tenants", networks.tenants(), views::tenant);
    }

    HttpResponse create(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return TenantAccess.change(ctx, req, Set.of("id"), body -> issued(admin.createTenant(
                body.string("id", Ids::tenant))));
    }

    private static HttpResponse issued(IssuedToken issued) {
        ObjectNode node = Json.object();
        node.put("id", issued.tenant().value());
        node.put("token", issued.token());
        return Json.created(node);
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return Json.ok(views.tenant(networks.tenant(id).orElseThrow(() -> ApiException.notFound("no tenant " + id))));
    }

    HttpResponse delete(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        TenantAccess.requireAdmin(who, "deleting a tenant");
        return TenantAccess.change(ctx, () -> {
            admin.deleteTenant(id);
            return Json.deleted();
        });
    }

    HttpResponse issueToken(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("revokeOthers"), body -> issued(admin.issueToken(id,
                body.optionalBoolean("revokeOthers").orElse(false))));
    }

    HttpResponse revokeTokens(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, () -> Json.ok(Json.object().put("revoked", admin.revokeTokens(id))));
    }

    HttpResponse attachments(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return Json.list("attachments", networks.attachments(id), a -> views.attachment(a, who));
    }

    HttpResponse createAttachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        TenantAccess.requireAdmin(who, "granting an attachment");
        return TenantAccess.change(ctx, req, Set.of("device", "port", "vlan"), body -> {
            ConnectPoint point = new ConnectPoint(body.string("device", Ids::device),
                    PortNumber.portNumber(body.integer("port", 1, 0xffffff00L)));
            Optional<VlanId> vlan = body.optionalInteger("vlan", 1, 4094).map(v -> VlanId.vlanId(v.shortValue()));
            return Json.created(views.attachment(admin.createAttachment(id, point, vlan), who));
        });
    }

    HttpResponse attachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(views.attachment(requireAttachment(ctx, who), who));
    }

    HttpResponse deleteAttachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        Attachment attachment = requireAttachment(ctx, who);
        TenantAccess.requireAdmin(who, "deleting an attachment");
        return TenantAccess.change(ctx, () -> {
            admin.deleteAttachment(attachment.tenant(), attachment.id());
            return Json.deleted();
        });
    }

    private Attachment requireAttachment(ServiceRequestContext ctx, Principal who) {
        TenantId id = access.tenant(ctx, who);
        String attachment = Ids.attachment(ctx.pathParam("a"));
        return networks.attachment(id, attachment)
                .orElseThrow(() -> ApiException.notFound("no attachment " + attachment));
    }
}

package io.weft.northbound;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.northbound.service.AttachmentRequest;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.TenantService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.TenantId;
import java.util.Set;

/**
 * Tenants, their tokens and their attachments: {@code /api/v1/tenants[/{t}[/tokens|/attachments[/{a}]]]},
 * over {@link TenantService}.
 */
final class TenantResource {
    private static final Set<String> ATTACHMENT = Set.of("device", "port", "vlan");

    private final TenantService tenants;
    private final TenantAccess access;

    TenantResource(TenantService tenants, TenantAccess access) {
        this.tenants = tenants;
        this.access = access;
    }

    HttpResponse list(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("tenants", tenants.tenants(who), VirtualJson::tenant);
    }

    HttpResponse create(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return TenantAccess.change(ctx, req, Set.of("id"), body -> Json.created(VirtualJson.issued(
                tenants.createTenant(who, () -> body.get().string("id", Ids::tenant)))));
    }

    HttpResponse one(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.ok(VirtualJson.tenant(tenants.tenant(who, access.tenant(ctx, who))));
    }

    HttpResponse delete(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, () -> {
            tenants.deleteTenant(who, id);
            return Json.deleted();
        });
    }

    HttpResponse issueToken(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, req, Set.of("revokeOthers"), body -> Json.created(VirtualJson.issued(
                tenants.issueToken(who, id, () -> body.get().optionalBoolean("revokeOthers").orElse(false)))));
    }

    HttpResponse revokeTokens(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, () -> Json.ok(Json.object().put("revoked", tenants.revokeTokens(who, id))));
    }

    HttpResponse attachments(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        return Json.list("attachments", tenants.attachments(who, access.tenant(ctx, who)), VirtualJson::attachment);
    }

    HttpResponse createAttachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return TenantAccess.change(ctx, req, ATTACHMENT, body -> Json.created(VirtualJson.attachment(
                tenants.createAttachment(who, id, () -> {
                    JsonBody grant = body.get();
                    ConnectPoint point = new ConnectPoint(grant.string("device", Ids::device),
                            Ids.physicalPort("port", grant.integer("port", Ids.PHYSICAL_PORT)));
                    return new AttachmentRequest(point, grant.optionalInteger("vlan", Ids.VLAN)
                            .map(v -> Ids.vlan("vlan", v)));
                }))));
    }

    HttpResponse attachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        return Json.ok(VirtualJson.attachment(tenants.attachment(who, id, Ids.attachment(ctx.pathParam("a")))));
    }

    HttpResponse deleteAttachment(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        TenantId id = access.tenant(ctx, who);
        String attachment = Ids.attachment(ctx.pathParam("a"));
        return TenantAccess.change(ctx, () -> {
            tenants.deleteAttachment(who, id, attachment);
            return Json.deleted();
        });
    }
}

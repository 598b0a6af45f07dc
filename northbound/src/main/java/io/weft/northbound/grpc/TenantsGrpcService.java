package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;

import com.google.protobuf.Empty;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.Attachment;
import io.weft.northbound.grpc.v1.CreateAttachmentRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeleteAttachmentRequest;
import io.weft.northbound.grpc.v1.DeleteTenantRequest;
import io.weft.northbound.grpc.v1.GetAttachmentRequest;
import io.weft.northbound.grpc.v1.GetTenantRequest;
import io.weft.northbound.grpc.v1.IssueTokenRequest;
import io.weft.northbound.grpc.v1.IssuedToken;
import io.weft.northbound.grpc.v1.ListAttachmentsRequest;
import io.weft.northbound.grpc.v1.ListAttachmentsResponse;
import io.weft.northbound.grpc.v1.ListTenantsRequest;
import io.weft.northbound.grpc.v1.ListTenantsResponse;
import io.weft.northbound.grpc.v1.RevokeTokensRequest;
import io.weft.northbound.grpc.v1.RevokeTokensResponse;
import io.weft.northbound.grpc.v1.Tenant;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import io.weft.northbound.service.AttachmentRequest;
import io.weft.northbound.service.Fields;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.TenantService;
import io.weft.topology.link.ConnectPoint;
import java.util.Optional;

/**
 * {@code weft.v1.Tenants} over {@link TenantService}. Its calls run on Armeria's blocking executor:
 * changes wait for the durable store.
 */
@Blocking
final class TenantsGrpcService extends TenantsGrpc.TenantsImplBase {
    private final TenantService tenants;

    TenantsGrpcService(TenantService tenants) {
        this.tenants = tenants;
    }

    @Override
    public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> out) {
        Calls.unary(out, () -> ListTenantsResponse.newBuilder()
                .addAllTenants(tenants.tenants(caller()).stream().map(Protos::tenant).toList()).build());
    }

    @Override
    public void createTenant(CreateTenantRequest request, StreamObserver<IssuedToken> out) {
        Calls.unary(out, () -> Protos.issued(tenants.createTenant(caller(),
                () -> Fields.required("id", request.getId(), Ids::tenant))));
    }

    @Override
    public void getTenant(GetTenantRequest request, StreamObserver<Tenant> out) {
        Calls.unary(out, () -> Protos.tenant(tenants.tenant(caller(), Requests.tenant(request.getTenant()))));
    }

    @Override
    public void deleteTenant(DeleteTenantRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> tenants.deleteTenant(caller(), Requests.tenant(request.getTenant())));
    }

    @Override
    public void issueToken(IssueTokenRequest request, StreamObserver<IssuedToken> out) {
        Calls.unary(out, () -> Protos.issued(tenants.issueToken(caller(), Requests.tenant(request.getTenant()),
                request::getRevokeOthers)));
    }

    @Override
    public void revokeTokens(RevokeTokensRequest request, StreamObserver<RevokeTokensResponse> out) {
        Calls.unary(out, () -> RevokeTokensResponse.newBuilder()
                .setRevoked(tenants.revokeTokens(caller(), Requests.tenant(request.getTenant()))).build());
    }

    @Override
    public void listAttachments(ListAttachmentsRequest request, StreamObserver<ListAttachmentsResponse> out) {
        Calls.unary(out, () -> ListAttachmentsResponse.newBuilder().addAllAttachments(tenants.attachments(caller(),
                Requests.tenant(request.getTenant())).stream().map(Protos::attachment).toList()).build());
    }

    @Override
    public void createAttachment(CreateAttachmentRequest request, StreamObserver<Attachment> out) {
        Calls.unary(out, () -> Protos.attachment(tenants.createAttachment(caller(),
                Requests.tenant(request.getTenant()), () -> new AttachmentRequest(
                        new ConnectPoint(Requests.device(request.getDevice()),
                                Ids.physicalPort("port", Integer.toUnsignedLong(request.getPort()))),
                        request.hasVlan() ? Optional.of(Ids.vlan("vlan", Integer.toUnsignedLong(request.getVlan())))
                                : Optional.empty()))));
    }

    @Override
    public void getAttachment(GetAttachmentRequest request, StreamObserver<Attachment> out) {
        Calls.unary(out, () -> Protos.attachment(tenants.attachment(caller(), Requests.tenant(request.getTenant()),
                Requests.attachment(request.getAttachment()))));
    }

    @Override
    public void deleteAttachment(DeleteAttachmentRequest request, StreamObserver<Empty> out) {
        Calls.done(out, () -> tenants.deleteAttachment(caller(), Requests.tenant(request.getTenant()),
                Requests.attachment(request.getAttachment())));
    }
}

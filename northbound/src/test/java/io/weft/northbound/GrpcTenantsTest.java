package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.weft.metrics.Counters;
import io.weft.northbound.grpc.v1.AddPortRequest;
import io.weft.northbound.grpc.v1.Attachment;
import io.weft.northbound.grpc.v1.BoundPort;
import io.weft.northbound.grpc.v1.ConnectPoint;
import io.weft.northbound.grpc.v1.CreateAttachmentRequest;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeleteAttachmentRequest;
import io.weft.northbound.grpc.v1.DeleteTenantRequest;
import io.weft.northbound.grpc.v1.GetAttachmentRequest;
import io.weft.northbound.grpc.v1.GetTenantRequest;
import io.weft.northbound.grpc.v1.IssueTokenRequest;
import io.weft.northbound.grpc.v1.IssuedToken;
import io.weft.northbound.grpc.v1.ListAttachmentsRequest;
import io.weft.northbound.grpc.v1.ListNetworksRequest;
import io.weft.northbound.grpc.v1.ListTenantsRequest;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.RevokeTokensRequest;
import io.weft.northbound.grpc.v1.Tenant;
import io.weft.northbound.grpc.v1.VirtualPortId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code weft.v1.Tenants} over gRPC: tenants, tokens and attachments, and who may do what with
 * the admin token, a tenant's own token and another tenant's. One server for the class; each test
 * uses tenants of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcTenantsTest {
    private static final String ADMIN = TestNetwork.TOKEN;
    private static final String S1 = "of:0000000000000001";

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private final Counters counters = net.counters;
    private RestApi api;
    private GrpcClient grpc;

    @BeforeAll
    void start() {
        api = net.api();
        api.start();
        grpc = new GrpcClient(api.grpcAddress());
        tenant("ivory");
        tenant("holder");
        attach("holder", S1, 7, 5);
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    /** Creates a tenant as the admin; returns its token. */
    private String tenant(String id) {
        return grpc.tenants(ADMIN).createTenant(CreateTenantRequest.newBuilder().setId(id).build()).getToken();
    }

    private Attachment attach(String tenant, String device, int port, Integer vlan) {
        CreateAttachmentRequest.Builder request = CreateAttachmentRequest.newBuilder().setTenant(tenant)
                .setDevice(device).setPort(port);
        if (vlan != null) {
            request.setVlan(vlan);
        }
        return grpc.tenants(ADMIN).createAttachment(request.build());
    }

    private static GetTenantRequest get(String tenant) {
        return GetTenantRequest.newBuilder().setTenant(tenant).build();
    }

    @Test
    void theAdminCreatesATenantWhoseTokenIsShownOnce() {
        IssuedToken issued = grpc.tenants(ADMIN).createTenant(CreateTenantRequest.newBuilder().setId("amber").build());
        assertThat(issued.getTenant()).isEqualTo("amber");
        assertThat(issued.getToken()).hasSize(43);

        Tenant shown = grpc.tenants(ADMIN).getTenant(get("amber"));
        assertThat(shown).isEqualTo(Tenant.newBuilder().setId("amber").setTokens(1).build());
        assertThat(grpc.tenants(issued.getToken()).getTenant(get("amber"))).isEqualTo(shown);
        assertThat(grpc.tenants(ADMIN).listTenants(ListTenantsRequest.getDefaultInstance()).getTenantsList())
                .extracting(Tenant::getId).contains("amber", "ivory");
        assertThat(net.tenants.store.list("")).allSatisfy(e -> assertThat(e.value()).doesNotContain(issued.getToken()));
    }

    @Test
    void aTenantExistsOnce() {
        tenant("beige");
        long before = counters.get("grpc.refused.already_exists");
        assertThat(refused(Status.Code.ALREADY_EXISTS, () -> tenant("beige"))).isEqualTo("tenant beige exists");
        assertThat(counters.get("grpc.refused.already_exists")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''     | field 'id' is required",
            "Blue   | field 'id': malformed tenant id 'Blue': expected 1 to 32 characters",
            "1abc   | field 'id': malformed tenant id '1abc'"})
    void aBadTenantIdIsInvalidArgumentAndChangesNothing(String id, String message) {
        long revision = net.tenants.store.revision();
        long before = counters.get("grpc.refused.invalid_argument");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> tenant(id))).startsWith(message);
        assertThat(counters.get("grpc.refused.invalid_argument")).isEqualTo(before + 1);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void aTenantsTokenOnAnotherTenantIsTreatedExactlyAsAMissingTenant() {
        String coral = tenant("coral");
        tenant("denim");
        attach("denim", "of:0000000000000002", 1, null);
        grpc.networks(ADMIN).createNetwork(CreateNetworkRequest.newBuilder().setTenant("denim").setId("web")
                .setKind(NetworkKind.NETWORK_KIND_CUSTOM).build());
        long revision = net.tenants.store.revision();
        long before = counters.get("grpc.refused.not_found");

        for (String tenant : List.of("denim", "nobody")) {
            List<ThrowingCallable> calls = List.of(
                    () -> grpc.tenants(coral).getTenant(get(tenant)),
                    () -> grpc.tenants(coral).deleteTenant(DeleteTenantRequest.newBuilder().setTenant(tenant).build()),
                    () -> grpc.tenants(coral).issueToken(IssueTokenRequest.newBuilder().setTenant(tenant).build()),
                    () -> grpc.tenants(coral).revokeTokens(RevokeTokensRequest.newBuilder().setTenant(tenant).build()),
                    () -> grpc.tenants(coral).listAttachments(ListAttachmentsRequest.newBuilder().setTenant(tenant)
                            .build()),
                    () -> grpc.tenants(coral).createAttachment(CreateAttachmentRequest.newBuilder().setTenant(tenant)
                            .build()),
                    () -> grpc.tenants(coral).getAttachment(GetAttachmentRequest.newBuilder().setTenant(tenant)
                            .setAttachment("att-1").build()),
                    () -> grpc.tenants(coral).deleteAttachment(DeleteAttachmentRequest.newBuilder().setTenant(tenant)
                            .setAttachment("att-1").build()),
                    () -> grpc.networks(coral).listNetworks(ListNetworksRequest.newBuilder().setTenant(tenant).build()),
                    () -> grpc.networks(coral).createNetwork(CreateNetworkRequest.newBuilder().setTenant(tenant)
                            .build()));
            for (ThrowingCallable call : calls) {
                assertThat(refused(Status.Code.NOT_FOUND, call)).isEqualTo("no tenant " + tenant);
            }
        }
        assertThat(counters.get("grpc.refused.not_found")).isEqualTo(before + 20);
        assertThat(net.tenants.store.revision()).as("nothing changed").isEqualTo(revision);
    }

    @Test
    void aTenantsTokenDoesNotReachWhatOnlyTheAdminMayDo() {
        String ecru = tenant("ecru");
        String att = attach("ecru", "of:0000000000000004", 1, null).getId();
        long before = counters.get("grpc.refused.permission_denied");
        long revision = net.tenants.store.revision();
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(ecru)
                .listTenants(ListTenantsRequest.getDefaultInstance()))).isEqualTo("listing tenants is for the admin"
                + " token only");
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(ecru)
                .createTenant(CreateTenantRequest.newBuilder().setId("mine").build())))
                .isEqualTo("creating a tenant is for the admin token only");
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(ecru)
                .deleteTenant(DeleteTenantRequest.newBuilder().setTenant("ecru").build())))
                .isEqualTo("deleting a tenant is for the admin token only");
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(ecru).createAttachment(
                CreateAttachmentRequest.newBuilder().setTenant("ecru").build())))
                .as("refused before the request is read").isEqualTo("granting an attachment is for the admin token only");
        assertThat(refused(Status.Code.PERMISSION_DENIED, () -> grpc.tenants(ecru).deleteAttachment(
                DeleteAttachmentRequest.newBuilder().setTenant("ecru").setAttachment(att).build())))
                .isEqualTo("deleting an attachment is for the admin token only");
        assertThat(counters.get("grpc.refused.permission_denied")).isEqualTo(before + 5);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void tokensAreIssuedAndRevokedAndARevokedTokenIsUnauthenticated() {
        String first = tenant("fawn");
        String second = grpc.tenants(first).issueToken(IssueTokenRequest.newBuilder().setTenant("fawn").build())
                .getToken();
        assertThat(grpc.tenants(second).getTenant(get("fawn")).getTokens()).isEqualTo(2);

        String third = grpc.tenants(ADMIN).issueToken(IssueTokenRequest.newBuilder().setTenant("fawn")
                .setRevokeOthers(true).build()).getToken();
        assertThat(refused(Status.Code.UNAUTHENTICATED, () -> grpc.tenants(first).getTenant(get("fawn"))))
                .contains("may have been revoked");
        refused(Status.Code.UNAUTHENTICATED, () -> grpc.tenants(second).getTenant(get("fawn")));
        assertThat(grpc.tenants(third).revokeTokens(RevokeTokensRequest.newBuilder().setTenant("fawn").build())
                .getRevoked()).isEqualTo(1);
        refused(Status.Code.UNAUTHENTICATED, () -> grpc.tenants(third).getTenant(get("fawn")));
        assertThat(grpc.tenants(ADMIN).getTenant(get("fawn")).getTokens()).isZero();
    }

    @Test
    void aTenantHoldsABoundedNumberOfTokens() {
        String token = tenant("gull");
        for (int held = 1; held < 16; held++) {
            grpc.tenants(token).issueToken(IssueTokenRequest.newBuilder().setTenant("gull").build());
        }
        long before = counters.get("grpc.refused.resource_exhausted");
        assertThat(refused(Status.Code.RESOURCE_EXHAUSTED, () -> grpc.tenants(token)
                .issueToken(IssueTokenRequest.newBuilder().setTenant("gull").build()))).contains("holds 16 tokens");
        assertThat(counters.get("grpc.refused.resource_exhausted")).isEqualTo(before + 1);
    }

    @Test
    void attachmentsShowTheirPhysicalPortToTheAdminOnly() {
        String gold = tenant("gold");
        Attachment created = attach("gold", "of:00000000000000AA", 3, 100);
        String id = created.getId();
        assertThat(created).isEqualTo(Attachment.newBuilder().setId(id).setVlan(100)
                .setPoint(ConnectPoint.newBuilder().setDevice("of:00000000000000aa").setPort(3)).build());

        List<Attachment> mine = grpc.tenants(gold).listAttachments(ListAttachmentsRequest.newBuilder()
                .setTenant("gold").build()).getAttachmentsList();
        assertThat(mine).containsExactly(Attachment.newBuilder().setId(id).setVlan(100).build());
        grpc.networks(gold).createNetwork(CreateNetworkRequest.newBuilder().setTenant("gold").setId("web")
                .setKind(NetworkKind.NETWORK_KIND_BIG_SWITCH).build());
        grpc.networks(gold).addPort(AddPortRequest.newBuilder().setTenant("gold").setNetwork("web").setAttachment(id)
                .build());
        Attachment bound = grpc.tenants(gold).getAttachment(GetAttachmentRequest.newBuilder().setTenant("gold")
                .setAttachment(id).build());
        assertThat(bound.hasPoint()).isFalse();
        assertThat(bound.getBoundTo()).isEqualTo(BoundPort.newBuilder().setNetwork("web")
                .setPort(VirtualPortId.newBuilder().setSwitch("big").setPort(1)).build());
        assertThat(refused(Status.Code.FAILED_PRECONDITION, () -> grpc.tenants(ADMIN).deleteAttachment(
                DeleteAttachmentRequest.newBuilder().setTenant("gold").setAttachment(id).build())))
                .isEqualTo("attachment " + id + " is port big:1 of network web; remove that port first");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s1                  | 1 |      | INVALID_ARGUMENT    | field 'device': malformed device id 's1'",
            "''                  | 1 |      | INVALID_ARGUMENT    | field 'device' is required",
            "of:0000000000000001 | 0 |      | INVALID_ARGUMENT    | field 'port' must be within 1..4294967040, was '0'",
            "of:0000000000000001 | -1 |     | INVALID_ARGUMENT    | field 'port' must be within 1..4294967040",
            "of:0000000000000001 | 1 | 4095 | INVALID_ARGUMENT    | field 'vlan' must be within 1..4094",
            "of:0000000000000001 | 1 | 0    | INVALID_ARGUMENT    | field 'vlan' must be within 1..4094",
            "of:0000000000000001 | 7 |      | FAILED_PRECONDITION | of:0000000000000001/7 (the whole port) overlaps"})
    void aBadOrOverlappingAttachmentIsRefusedAndChangesNothing(String device, int port, Integer vlan,
                                                               Status.Code code, String message) {
        long revision = net.tenants.store.revision();
        assertThat(refused(code, () -> attach("ivory", device, port, vlan))).startsWith(message);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void deletingATenantDeletesItsTokensToo() {
        String jade = tenant("jade");
        grpc.tenants(ADMIN).deleteTenant(DeleteTenantRequest.newBuilder().setTenant("jade").build());
        refused(Status.Code.UNAUTHENTICATED, () -> grpc.tenants(jade).getTenant(get("jade")));
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.tenants(ADMIN).getTenant(get("jade"))))
                .isEqualTo("no tenant jade");
        assertThat(refused(Status.Code.INVALID_ARGUMENT, () -> grpc.tenants(ADMIN).getAttachment(
                GetAttachmentRequest.newBuilder().setTenant("ivory").setAttachment("a1").build())))
                .startsWith("field 'attachment': malformed attachment id 'a1'");
    }
}

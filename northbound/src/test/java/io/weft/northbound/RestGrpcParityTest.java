package io.weft.northbound;

import static io.weft.northbound.GrpcClient.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.weft.northbound.grpc.v1.AddPortRequest;
import io.weft.northbound.grpc.v1.CreateAttachmentRequest;
import io.weft.northbound.grpc.v1.CreateNetworkRequest;
import io.weft.northbound.grpc.v1.CreateTenantRequest;
import io.weft.northbound.grpc.v1.DeleteAttachmentRequest;
import io.weft.northbound.grpc.v1.DeleteTenantRequest;
import io.weft.northbound.grpc.v1.GetNetworkRequest;
import io.weft.northbound.grpc.v1.GetTenantRequest;
import io.weft.northbound.grpc.v1.GetVirtualTopologyRequest;
import io.weft.northbound.grpc.v1.ListNetworksRequest;
import io.weft.northbound.grpc.v1.Network;
import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.grpc.v1.VirtualTopology;
import java.net.http.HttpResponse;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * REST and gRPC are two faces of one service layer: what one face changes the other shows at
 * once, and the same request refused on either face is refused for the same reason, in the same
 * words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestGrpcParityTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient rest;
    private GrpcClient grpc;

    @BeforeAll
    void start() {
        api = net.api();
        rest = new ApiClient(api.start(), ADMIN);
        grpc = new GrpcClient(api.grpcAddress());
    }

    @AfterAll
    void stop() {
        grpc.close();
        api.close();
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ApiClient.parse(response.body());
    }

    @Test
    void aNetworkCreatedOverGrpcIsSeenOverRestAndTheOtherWayRound() {
        String token = json(rest.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"blue\"}"), 201).get("token").asText();
        String att = json(rest.as(ADMIN, "POST", "/api/v1/tenants/blue/attachments",
                "{\"device\":\"of:0000000000000001\",\"port\":1}"), 201).get("id").asText();

        grpc.networks(token).createNetwork(CreateNetworkRequest.newBuilder().setTenant("blue").setId("web")
                .setKind(NetworkKind.NETWORK_KIND_BIG_SWITCH).build());
        assertThat(json(rest.as(token, "GET", "/api/v1/tenants/blue/networks/web", null), 200))
                .isEqualTo(ApiClient.parse("{\"id\":\"web\",\"kind\":\"big-switch\"}"));
        grpc.networks(token).addPort(AddPortRequest.newBuilder().setTenant("blue").setNetwork("web")
                .setAttachment(att).build());
        assertThat(json(rest.as(token, "GET", "/api/v1/tenants/blue/networks/web/ports", null), 200))
                .isEqualTo(ApiClient.parse("{\"ports\":[{\"switch\":\"big\",\"port\":1,\"attachment\":\"" + att
                        + "\"}]}"));

        json(rest.as(token, "POST", "/api/v1/tenants/blue/networks", "{\"id\":\"lab\",\"kind\":\"custom\"}"), 201);
        json(rest.as(token, "POST", "/api/v1/tenants/blue/networks/lab/switches", "{\"id\":\"vs1\"}"), 201);
        assertThat(grpc.networks(token).listNetworks(ListNetworksRequest.newBuilder().setTenant("blue").build())
                .getNetworksList()).extracting(Network::getId).containsExactly("lab", "web");
        VirtualTopology lab = grpc.networks(token).getTopology(GetVirtualTopologyRequest.newBuilder()
                .setTenant("blue").setNetwork("lab").build());
        assertThat(lab.getSwitchesList()).extracting(s -> s.getId()).containsExactly("vs1");

        assertThat(rest.as(token, "DELETE", "/api/v1/tenants/blue/networks/lab", null).statusCode()).isEqualTo(204);
        assertThat(refused(Status.Code.NOT_FOUND, () -> grpc.networks(token).getNetwork(GetNetworkRequest.newBuilder()
                .setTenant("blue").setNetwork("lab").build()))).isEqualTo("no network lab");
        assertThat(grpc.tenants(token).getTenant(GetTenantRequest.newBuilder().setTenant("blue").build())
                .getNetworksList()).containsExactly("web");
    }

    @Test
    void aRefusalIsTheSameOnBothFaces() {
        String coral = json(rest.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"coral\"}"), 201).get("token").asText();
        json(rest.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"denim\"}"), 201);
        String att = json(rest.as(ADMIN, "POST", "/api/v1/tenants/coral/attachments",
                "{\"device\":\"of:0000000000000003\",\"port\":1}"), 201).get("id").asText();
        json(rest.as(coral, "POST", "/api/v1/tenants/coral/networks", "{\"id\":\"web\",\"kind\":\"big-switch\"}"), 201);
        json(rest.as(coral, "POST", "/api/v1/tenants/coral/networks/web/ports", "{\"attachment\":\"" + att + "\"}"),
                201);

        same(rest.as(coral, "POST", "/api/v1/tenants/coral/networks", "{\"id\":\"web\",\"kind\":\"custom\"}"), 409,
                Status.Code.ALREADY_EXISTS, () -> grpc.networks(coral).createNetwork(CreateNetworkRequest.newBuilder()
                        .setTenant("coral").setId("web").setKind(NetworkKind.NETWORK_KIND_CUSTOM).build()));
        same(rest.as(coral, "GET", "/api/v1/tenants/denim", null), 404, Status.Code.NOT_FOUND,
                () -> grpc.tenants(coral).getTenant(GetTenantRequest.newBuilder().setTenant("denim").build()));
        same(rest.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"Blue\"}"), 400, Status.Code.INVALID_ARGUMENT,
                () -> grpc.tenants(ADMIN).createTenant(CreateTenantRequest.newBuilder().setId("Blue").build()));
        same(rest.as(ADMIN, "POST", "/api/v1/tenants/coral/attachments",
                "{\"device\":\"of:0000000000000003\",\"port\":0}"), 400, Status.Code.INVALID_ARGUMENT,
                () -> grpc.tenants(ADMIN).createAttachment(CreateAttachmentRequest.newBuilder().setTenant("coral")
                        .setDevice("of:0000000000000003").setPort(0).build()));
        same(rest.as(ADMIN, "DELETE", "/api/v1/tenants/coral/attachments/" + att, null), 409,
                Status.Code.FAILED_PRECONDITION, () -> grpc.tenants(ADMIN).deleteAttachment(DeleteAttachmentRequest
                        .newBuilder().setTenant("coral").setAttachment(att).build()));
        same(rest.as(coral, "DELETE", "/api/v1/tenants/coral", null), 403, Status.Code.PERMISSION_DENIED,
                () -> grpc.tenants(coral).deleteTenant(DeleteTenantRequest.newBuilder().setTenant("coral").build()));
        same(rest.as("revoked-or-never-issued-token", "GET", "/api/v1/tenants/coral", null), 401,
                Status.Code.UNAUTHENTICATED, () -> grpc.tenants("revoked-or-never-issued-token")
                        .getTenant(GetTenantRequest.newBuilder().setTenant("coral").build()));
    }

    /** The REST answer has this status, the gRPC call fails with this code, and both say the same. */
    private static void same(HttpResponse<String> response, int status, Status.Code code, ThrowingCallable call) {
        String message = json(response, status).get("message").asText();
        assertThat(refused(code, call)).isEqualTo(message);
    }
}

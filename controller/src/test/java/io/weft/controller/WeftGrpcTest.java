package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.auth.AuthToken;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.weft.northbound.grpc.v1.ListTenantsRequest;
import io.weft.northbound.grpc.v1.TenantsGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller serves the gRPC API beside REST, or on the port the config gives it. */
class WeftGrpcTest {
    private static final String ADMIN = "grpc-test-admin-token-0123456789";

    @TempDir
    Path dir;

    private WeftConfig config(boolean ownPort) {
        var api = WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0).withAdminToken(ADMIN);
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(ownPort ? api.withGrpcPort(0) : api);
    }

    private static <T> T client(InetSocketAddress address, Class<T> stub, String token) {
        var builder = GrpcClients.builder("http://127.0.0.1:" + address.getPort());
        if (token != null) {
            builder.auth(AuthToken.ofOAuth2(token));
        }
        return builder.build(stub);
    }

    @Test
    void grpcAnswersOnTheRestPortByDefaultAndOnItsOwnWhenConfigured() throws Exception {
        for (boolean ownPort : new boolean[] {false, true}) {
            Weft weft = new Weft(config(ownPort)).start();
            try {
                assertThat(weft.grpcAddress().getPort() != weft.apiAddress().getPort()).isEqualTo(ownPort);
                HealthCheckResponse health = client(weft.grpcAddress(), HealthGrpc.HealthBlockingStub.class, null)
                        .check(HealthCheckRequest.getDefaultInstance());
                assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
                assertThat(client(weft.grpcAddress(), TenantsGrpc.TenantsBlockingStub.class, ADMIN)
                        .listTenants(ListTenantsRequest.getDefaultInstance()).getTenantsList()).isEmpty();
                assertThat(weft.counters().get("grpc.requests")).as("the health check and the list").isEqualTo(2);
            } finally {
                weft.close();
            }
        }
    }
}

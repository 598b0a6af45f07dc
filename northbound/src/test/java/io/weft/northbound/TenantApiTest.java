package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.metrics.Counters;
import io.weft.topology.virtual.TenantId;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tenants, tokens and attachments over HTTP, and who may do what: the admin token, a tenant's
 * own token, another tenant's token. One server for the class; each test uses tenants of its
 * own, so the tests do not see each other's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantApiTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private final Counters counters = net.counters;
    private RestApi api;
    private ApiClient client;

    @BeforeAll
    void start() {
        api = net.api();
        client = new ApiClient(api.start(), ADMIN);
        // For the refusals of attachments: ivory asks, holder has s1/7 on VLAN 5.
        tenant("ivory");
        tenant("holder");
        attach("holder", "{\"device\":\"of:0000000000000001\",\"port\":7,\"vlan\":5}");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ApiClient.parse(response.body());
    }

    /** The response is the JSON error with this status and code; returns its message. */
    private static String error(HttpResponse<String> response, int status, String code) {
        JsonNode body = json(response, status);
        assertThat(body.get("error").asText()).isEqualTo(code);
        return body.get("message").asText();
    }

    /** Creates a tenant as the admin; returns its token. */
    private String tenant(String id) {
        JsonNode created = json(client.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"" + id + "\"}"), 201);
        return created.get("token").asText();
    }

    private JsonNode attach(String tenant, String body) {
        return json(client.as(ADMIN, "POST", "/api/v1/tenants/" + tenant + "/attachments", body), 201);
    }

    @Test
    void theAdminCreatesATenantWhoseTokenIsShownOnce() {
        HttpResponse<String> response = client.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"amber\"}");
        JsonNode created = json(response, 201);
        assertThat(created.get("id").asText()).isEqualTo("amber");
        String token = created.get("token").asText();
        assertThat(token).hasSize(43);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));

        JsonNode shown = json(client.as(ADMIN, "GET", "/api/v1/tenants/amber", null), 200);
        assertThat(shown).isEqualTo(ApiClient.parse("""
                {"id":"amber","tokens":1,"attachments":[],"networks":[]}"""));
        assertThat(client.as(ADMIN, "GET", "/api/v1/tenants", null).body()).contains("\"amber\"")
                .doesNotContain(token);
        assertThat(json(client.as(token, "GET", "/api/v1/tenants/amber", null), 200)).isEqualTo(shown);
        assertThat(net.tenants.store.list("")).allSatisfy(e -> assertThat(e.value()).doesNotContain(token));
    }

    @Test
    void aTenantExistsOnce() {
        tenant("beige");
        long before = counters.get("api.refused.conflict");
        assertThat(error(client.as(ADMIN, "POST", "/api/v1/tenants", "{\"id\":\"beige\"}"), 409, "conflict"))
                .isEqualTo("tenant beige exists");
        assertThat(counters.get("api.refused.conflict")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":                   | the body is not valid JSON",
            "[\"id\"]                   | the body must be a JSON object",
            "{\"id\":\"x\"} {}          | the body is not valid JSON",
            "{\"id\":\"x\",\"id\":\"y\"}| the body is not valid JSON: Duplicate field 'id'",
            "{\"name\":\"x\"}           | unknown field 'name'; expected id",
            "{\"id\":5}                 | field 'id' must be a string",
            "{\"id\":null}              | field 'id' is required",
            "{}                         | field 'id' is required",
            "''                         | field 'id' is required",
            "{\"id\":\"Blue\"}          | field 'id': malformed tenant id 'Blue': expected 1 to 32 characters"})
    void aBadBodyIs400NamingTheFieldAndChangesNothing(String body, String message) {
        long revision = net.tenants.store.revision();
        long before = counters.get("api.refused.bad_request");
        assertThat(error(client.as(ADMIN, "POST", "/api/v1/tenants", body), 400, "bad_request"))
                .startsWith(message);
        assertThat(counters.get("api.refused.bad_request")).isEqualTo(before + 1);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void aTenantsTokenOnAnotherTenantIsTreatedExactlyAsAMissingTenant() {
        String coral = tenant("coral");
        tenant("denim");
        attach("denim", "{\"device\":\"of:0000000000000002\",\"port\":1}");
        json(client.as(ADMIN, "POST", "/api/v1/tenants/denim/networks", "{\"id\":\"web\",\"kind\":\"custom\"}"),
                201);
        long revision = net.tenants.store.revision();

        for (String[] request : new String[][] {{"GET", ""}, {"DELETE", ""}, {"POST", "/tokens"},
                {"DELETE", "/tokens"}, {"GET", "/attachments"}, {"POST", "/attachments"}, {"GET", "/attachments/att-1"},
                {"DELETE", "/attachments/att-1"}, {"GET", "/networks"}, {"POST", "/networks"},
                {"GET", "/networks/web"}, {"DELETE", "/networks/web"}, {"GET", "/networks/web/topology"},
                {"POST", "/networks/web/switches"}, {"GET", "/networks/web/switches"},
                {"POST", "/networks/web/links"}, {"GET", "/networks/web/hosts/00:00:00:00:00:01"}}) {
            String body = request[0].equals("POST") ? "{\"id\":\"vs1\"}" : null;
            HttpResponse<String> foreign = client.as(coral, request[0], "/api/v1/tenants/denim" + request[1], body);
            HttpResponse<String> missing = client.as(coral, request[0], "/api/v1/tenants/nobody" + request[1], body);
            assertThat(error(foreign, 404, "not_found")).as("%s denim%s", request[0], request[1])
                    .isEqualTo("no tenant denim");
            assertThat(error(missing, 404, "not_found")).isEqualTo("no tenant nobody");
        }
        assertThat(net.tenants.store.revision()).as("nothing changed").isEqualTo(revision);
        assertThat(error(client.as(coral, "GET", "/api/v1/tenants/coral/networks/web", null), 404, "not_found"))
                .as("its own tenant has no such network").isEqualTo("no network web");
    }

    @Test
    void aTenantsTokenDoesNotReachWhatOnlyTheAdminMayDo() {
        String ecru = tenant("ecru");
        attach("ecru", "{\"device\":\"of:0000000000000004\",\"port\":1}");
        long before = counters.get("api.refused.forbidden");
        long revision = net.tenants.store.revision();
        assertThat(error(client.as(ecru, "GET", "/api/v1/tenants", null), 403, "forbidden"))
                .contains("a tenant's token reaches only /api/v1/tenants/{its tenant}/");
        error(client.as(ecru, "POST", "/api/v1/tenants", "{\"id\":\"mine\"}"), 403, "forbidden");
        assertThat(error(client.as(ecru, "DELETE", "/api/v1/tenants/ecru", null), 403, "forbidden"))
                .isEqualTo("deleting a tenant is for the admin token only");
        assertThat(error(client.as(ecru, "POST", "/api/v1/tenants/ecru/attachments",
                "{\"device\":\"of:0000000000000004\",\"port\":2}"), 403, "forbidden"))
                .isEqualTo("granting an attachment is for the admin token only");
        error(client.as(ecru, "DELETE", "/api/v1/tenants/ecru/attachments/" + net.tenants.manager
                .attachments(new TenantId("ecru")).get(0).id(), null), 403, "forbidden");
        for (String physical : new String[] {"/api/v1/devices", "/api/v1/links", "/api/v1/hosts", "/metrics",
                "/api/v1/devices/of:0000000000000001/flows", "/api/v1/paths/of:0000000000000001/of:0000000000000002"}) {
            error(client.as(ecru, "GET", physical, null), 403, "forbidden");
        }
        assertThat(counters.get("api.refused.forbidden")).isEqualTo(before + 11);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
        assertThat(client.as(ecru, "GET", "/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensAreIssuedAndRevokedAndARevokedTokenIs401() {
        String first = tenant("fawn");
        String second = json(client.as(first, "POST", "/api/v1/tenants/fawn/tokens", null), 201).get("token").asText();
        assertThat(client.as(first, "GET", "/api/v1/tenants/fawn", null).statusCode()).isEqualTo(200);
        assertThat(json(client.as(second, "GET", "/api/v1/tenants/fawn", null), 200).get("tokens").asInt())
                .isEqualTo(2);

        JsonNode third = json(client.as(ADMIN, "POST", "/api/v1/tenants/fawn/tokens", "{\"revokeOthers\":true}"), 201);
        assertThat(third.get("id").asText()).isEqualTo("fawn");
        long before = counters.get("api.refused.unauthorized");
        assertThat(error(client.as(first, "GET", "/api/v1/tenants/fawn", null), 401, "unauthorized"))
                .contains("may have been revoked");
        error(client.as(second, "GET", "/api/v1/tenants/fawn/networks", null), 401, "unauthorized");
        assertThat(counters.get("api.refused.unauthorized")).isEqualTo(before + 2);

        String token = third.get("token").asText();
        assertThat(json(client.as(token, "DELETE", "/api/v1/tenants/fawn/tokens", null), 200))
                .isEqualTo(ApiClient.parse("{\"revoked\":1}"));
        error(client.as(token, "GET", "/api/v1/tenants/fawn", null), 401, "unauthorized");
        error(client.as(ADMIN, "POST", "/api/v1/tenants/fawn/tokens", "{\"revokeOthers\":\"yes\"}"), 400,
                "bad_request");
        assertThat(json(client.as(ADMIN, "GET", "/api/v1/tenants/fawn", null), 200).get("tokens").asInt()).isZero();
    }

    @Test
    void attachmentsShowTheirPhysicalPortToTheAdminOnly() {
        String gold = tenant("gold");
        JsonNode created = attach("gold", "{\"device\":\"of:00000000000000AA\",\"port\":3,\"vlan\":100}");
        String id = created.get("id").asText();
        assertThat(created).isEqualTo(ApiClient.parse("{\"id\":\"" + id
                + "\",\"device\":\"of:00000000000000aa\",\"port\":3,\"vlan\":100}"));

        JsonNode mine = json(client.as(gold, "GET", "/api/v1/tenants/gold/attachments", null), 200);
        assertThat(mine).isEqualTo(ApiClient.parse("{\"attachments\":[{\"id\":\"" + id + "\",\"vlan\":100}]}"));
        assertThat(json(client.as(gold, "GET", "/api/v1/tenants/gold/attachments/" + id, null), 200).toString())
                .doesNotContain("of:");
        json(client.as(gold, "POST", "/api/v1/tenants/gold/networks", "{\"id\":\"web\",\"kind\":\"big-switch\"}"),
                201);
        json(client.as(gold, "POST", "/api/v1/tenants/gold/networks/web/ports", "{\"attachment\":\"" + id + "\"}"),
                201);
        assertThat(json(client.as(gold, "GET", "/api/v1/tenants/gold/attachments/" + id, null), 200).get("boundTo"))
                .isEqualTo(ApiClient.parse("{\"switch\":\"big\",\"port\":1,\"network\":\"web\"}"));
        assertThat(error(client.as(ADMIN, "DELETE", "/api/v1/tenants/gold/attachments/" + id, null), 409,
                "conflict")).isEqualTo("attachment " + id + " is port big:1 of network web; remove that port first");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"device\":\"s1\",\"port\":1}                         | 400 | field 'device': malformed device id 's1'",
            "{\"device\":\"of:0000000000000001\"}                   | 400 | field 'port' is required",
            "{\"device\":\"of:0000000000000001\",\"port\":\"1\"}    | 400 | field 'port' must be an integer",
            "{\"device\":\"of:0000000000000001\",\"port\":1.5}      | 400 | field 'port' must be an integer",
            "{\"device\":\"of:0000000000000001\",\"port\":0}        | 400 | field 'port' must be within 1..4294967040",
            "{\"device\":\"of:0000000000000001\",\"port\":1,\"vlan\":4095} | 400 | field 'vlan' must be within 1..4094",
            "{\"device\":\"of:0000000000000001\",\"port\":1,\"vid\":1}  | 400 | unknown field 'vid'; expected device, port, vlan",
            "{\"device\":\"of:0000000000000001\",\"port\":7}        | 409 | of:0000000000000001/7 (the whole port) overlaps"})
    void aBadOrOverlappingAttachmentIsRefusedAndChangesNothing(String body, int status, String message) {
        long revision = net.tenants.store.revision();
        HttpResponse<String> response = client.as(ADMIN, "POST", "/api/v1/tenants/ivory/attachments", body);
        assertThat(error(response, status, status == 400 ? "bad_request" : "conflict")).startsWith(message);
        assertThat(net.tenants.store.revision()).isEqualTo(revision);
    }

    @Test
    void deletingATenantDeletesItsTokensToo() {
        String jade = tenant("jade");
        attach("jade", "{\"device\":\"of:0000000000000003\",\"port\":9}");
        assertThat(client.as(ADMIN, "DELETE", "/api/v1/tenants/jade", null).statusCode()).isEqualTo(204);
        error(client.as(jade, "GET", "/api/v1/tenants/jade", null), 401, "unauthorized");
        assertThat(error(client.as(ADMIN, "GET", "/api/v1/tenants/jade", null), 404, "not_found"))
                .isEqualTo("no tenant jade");
        error(client.as(ADMIN, "DELETE", "/api/v1/tenants/jade", null), 404, "not_found");
        assertThat(attach(tenantAnd("kiwi"), "{\"device\":\"of:0000000000000003\",\"port\":9}").get("port").asInt())
                .as("the port is free again").isEqualTo(9);
    }

    private String tenantAnd(String id) {
        tenant(id);
        return id;
    }

    @Test
    void malformedPathIdsAre400AndUnknownMethodsAre405() {
        error(client.as(ADMIN, "GET", "/api/v1/tenants/Lime", null), 400, "bad_request");
        assertThat(error(client.as(ADMIN, "GET", "/api/v1/tenants/ivory/attachments/a1", null), 400, "bad_request"))
                .startsWith("malformed attachment id 'a1'");
        error(client.as(ADMIN, "PUT", "/api/v1/tenants", "{}"), 405, "method_not_allowed");
        error(client.as(ADMIN, "PATCH", "/api/v1/tenants/lime", "{}"), 405, "method_not_allowed");
        error(client.send("POST", "/api/v1/tenants", Optional.empty(), "{\"id\":\"lime\"}"), 401, "unauthorized");
        assertThat(net.tenants.manager.tenant(new TenantId("lime"))).isEmpty();
    }
}

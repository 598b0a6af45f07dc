package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document says what the server does: the same paths and methods as the routes
 * Armeria serves, the same public operations, and parameters and references that resolve.
 * Adding a route without documenting it (or the reverse) fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDriftTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Values for path parameters that name things the test network has ({@link TestNetwork#blueTenant}). */
    private static final Map<String, String> SAMPLES = Map.of("id", "of:0000000000000001",
            "src", "of:0000000000000001", "dst", "of:0000000000000003", "t", "blue", "a", "att-1",
            "mac", "00:00:00:00:00:01", "link", "vs1:1-vs2:1", "s", "vs1", "p", "1");

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient client;
    private JsonNode document;
    private String tenantToken;

    @BeforeAll
    void start() {
        tenantToken = net.blueTenant();
        api = net.api();
        client = new ApiClient(api.start(), TestNetwork.TOKEN);
        document = client.json("/api/v1/openapi.json");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                operations.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    @Test
    void isOpenApi3WithTheBearerScheme() {
        assertThat(document.get("openapi").asText()).startsWith("3.0.");
        assertThat(document.at("/components/securitySchemes/adminToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("adminToken")).isTrue();
        assertThat(document.at("/components/securitySchemes/tenantToken/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void documentsExactlyTheRoutesServed() {
        assertThat(api.servedRoutes()).isNotEmpty();
        assertThat(documented()).isEqualTo(api.servedRoutes());
    }

    /**
     * Without a token every operation but health is 401; with the admin token every GET answers
     * 200 on the test network; a tenant's token reaches exactly the operations documented with
     * the tenant scheme (GETs answer 200) and is refused with 403 elsewhere, before anything
     * changes. Changes are exercised one by one in {@link TenantApiTest}. Only the status is read,
     * so that the event stream, which never ends by itself, is checked like the rest.
     */
    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        for (String operation : documented()) {
            String[] parts = operation.split(" ");
            String method = parts[0];
            String path = sample(parts[1]);
            JsonNode spec = document.at("/paths/" + parts[1].replace("~", "~0").replace("/", "~1") + "/"
                    + method.toLowerCase(Locale.ROOT));
            JsonNode security = spec.has("security") ? spec.get("security") : document.get("security");
            boolean isPublic = security.isEmpty();
            boolean forTenants = security.findValue("tenantToken") != null;
            int anonymous = client.status(method, path, Optional.empty());
            assertThat(anonymous).as("%s without a token", operation).isEqualTo(isPublic ? 200 : 401);
            if (!isPublic) {
                assertThat(spec.at("/responses/401").isMissingNode()).as(operation).isFalse();
            }
            if (!isPublic && !forTenants) {
                assertThat(spec.at("/responses/403").isMissingNode()).as(operation).isFalse();
                int status = client.status(method, path, Optional.of("Bearer " + tenantToken));
                assertThat(status).as("%s with a tenant's token", operation).isEqualTo(403);
            }
            String success = switch (method) {
                case "POST" -> "201";
                case "DELETE" -> spec.at("/responses/204").isMissingNode() ? "200" : "204";
                default -> "200";
            };
            assertThat(spec.at("/responses/" + success).isMissingNode()).as(operation).isFalse();
            if (method.equals("GET")) {
                int status = client.status(method, path, Optional.of("Bearer " + TestNetwork.TOKEN));
                assertThat(status).as("%s with the admin token", operation).isEqualTo(200);
                if (forTenants) {
                    status = client.status(method, path, Optional.of("Bearer " + tenantToken));
                    assertThat(status).as("%s with the tenant's token", operation).isEqualTo(200);
                }
            }
            if (method.equals("POST")) {
                assertThat(spec.at("/requestBody/content/application~1json/schema").isMissingNode())
                        .as(operation).isFalse();
                assertThat(spec.at("/responses/400").isMissingNode()).as(operation).isFalse();
            }
        }
    }

    @Test
    void pathParametersAreDeclared() {
        document.get("paths").properties().forEach(path -> {
            Matcher m = PARAM.matcher(path.getKey());
            List<String> inPath = new ArrayList<>();
            while (m.find()) {
                inPath.add(m.group(1));
            }
            path.getValue().properties().forEach(op -> {
                List<String> declared = new ArrayList<>();
                op.getValue().path("parameters").forEach(p -> {
                    if (p.get("in").asText().equals("path")) {
                        declared.add(p.get("name").asText());
                    }
                });
                assertThat(declared).as(op.getKey() + " " + path.getKey()).containsExactlyInAnyOrderElementsOf(inPath);
            });
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    /** The path with each parameter filled in; {n} is the custom network where switches or links follow. */
    private static String sample(String template) {
        String network = template.contains("/switches") || template.contains("/links") ? "lab" : "web";
        Matcher m = PARAM.matcher(template.replace("{n}", network));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SAMPLES.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}

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
    /** Values for path parameters that name things the test network has. */
    private static final Map<String, String> SAMPLES = Map.of("id", "of:0000000000000001",
            "src", "of:0000000000000001", "dst", "of:0000000000000003");

    private final TestNetwork net = TestNetwork.linearWithIsland();
    private RestApi api;
    private ApiClient client;
    private JsonNode document;

    @BeforeAll
    void start() {
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
    }

    @Test
    void documentsExactlyTheRoutesServed() {
        assertThat(api.servedRoutes()).isNotEmpty();
        assertThat(documented()).isEqualTo(api.servedRoutes());
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        for (String operation : documented()) {
            String[] parts = operation.split(" ");
            String path = sample(parts[1]);
            JsonNode spec = document.at("/paths/" + parts[1].replace("~", "~0").replace("/", "~1") + "/"
                    + parts[0].toLowerCase(Locale.ROOT));
            boolean isPublic = spec.has("security") && spec.get("security").isEmpty();
            int anonymous = client.send(parts[0], path, Optional.empty()).statusCode();
            assertThat(anonymous).as("%s without a token", operation).isEqualTo(isPublic ? 200 : 401);
            int status = client.send(parts[0], path, Optional.of("Bearer " + TestNetwork.TOKEN)).statusCode();
            assertThat(status).as("%s with the token", operation).isEqualTo(200);
            assertThat(spec.at("/responses/200").isMissingNode()).as(operation).isFalse();
            if (!isPublic) {
                assertThat(spec.at("/responses/401").isMissingNode()).as(operation).isFalse();
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

    private static String sample(String template) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SAMPLES.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}

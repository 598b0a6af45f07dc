package io.weft.northbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the hand-written OpenAPI 3.0 document beside this class.
 * A test compares its paths and methods with the routes the server actually serves.
 */
final class OpenApiResource {
    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    OpenApiResource() {
        this.document = Json.bytes(load());
    }

    HttpResponse get(ServiceRequestContext ctx, HttpRequest req) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, document);
    }

    /** Parsed once at start, so a broken document stops the server from starting rather than being served. */
    static JsonNode load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

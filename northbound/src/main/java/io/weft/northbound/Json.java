package io.weft.northbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Function;

/**
 * JSON for the API: one {@link ObjectMapper} (thread-safe once configured), the views shared
 * by several resources, and JSON responses. Views are built as trees rather than bound from
 * classes so that the wire shape is written down here, field by field, and cannot change by
 * renaming a Java field.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static <T> ArrayNode array(Collection<T> items, Function<T, ? extends JsonNode> view) {
        ArrayNode array = MAPPER.createArrayNode();
        items.forEach(item -> array.add(view.apply(item)));
        return array;
    }

    /** {@code {"<field>": [items...]}}: every list is wrapped, so fields can be added later. */
    static <T> HttpResponse list(String field, Collection<T> items, Function<T, ? extends JsonNode> view) {
        ObjectNode body = object();
        body.set(field, array(items, view));
        return ok(body);
    }

    static ObjectNode connectPoint(ConnectPoint point) {
        ObjectNode node = object();
        node.put("device", point.device().toString());
        node.put("port", point.port().toLong());
        return node;
    }

    static ObjectNode link(Link link) {
        ObjectNode node = object();
        node.set("src", connectPoint(link.src()));
        node.set("dst", connectPoint(link.dst()));
        return node;
    }

    static HttpResponse ok(JsonNode body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, bytes(body));
    }

    /** The error body every refusal carries: a stable code and a message for people. */
    static AggregatedHttpResponse error(HttpStatus status, String code, String message) {
        ObjectNode body = object();
        body.put("error", code);
        body.put("message", message);
        ResponseHeadersBuilder headers = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8);
        if (status.equals(HttpStatus.UNAUTHORIZED)) {
            headers.add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"weft\"");
        }
        return AggregatedHttpResponse.of(headers.build(), HttpData.wrap(bytes(body)));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

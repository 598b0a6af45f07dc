package io.weft.northbound;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.northbound.service.Fields;
import io.weft.northbound.service.Range;
import io.weft.northbound.service.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A request body, read strictly: it must be one JSON object (no trailing data, no key twice)
 * with only the fields the operation knows, each of the type it expects. Every refusal is a
 * 400 whose message names the field, e.g. {@code field 'port' must be an integer}. Fields are
 * read by hand rather than bound to classes so that the wire shape is written down in the
 * resource that accepts it, and a misspelt field is refused instead of ignored. The refusals of
 * a field's value are worded by {@link Fields}, as the gRPC API words them.
 */
final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode node;
    /** Where this object is in the body, for messages: "" at the top, "src." inside src. */
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses a body that may have only {@code fields}. An empty body counts as {@code {}}, so
     * operations whose fields are all optional may be called without one.
     */
    static JsonBody parse(String text, Set<String> fields) {
        JsonNode node;
        if (text.isBlank()) {
            node = MAPPER.createObjectNode();
        } else {
            try {
                node = MAPPER.readTree(text);
            } catch (JsonParseException e) {
                throw ServiceException.invalid("the body is not valid JSON: " + e.getOriginalMessage()
                        + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            } catch (JsonProcessingException e) {
                throw ServiceException.invalid("the body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return new JsonBody(node, "").only("the body", fields);
    }

    private JsonBody only(String what, Set<String> fields) {
        if (!node.isObject()) {
            throw ServiceException.invalid(what + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                throw ServiceException.invalid("unknown field " + ServiceException.echo(path + name)
                        + (fields.isEmpty() ? "; this operation takes no fields"
                        : "; expected " + String.join(", ", new TreeSet<>(fields))));
            }
        });
        return this;
    }

    private String name(String field) {
        return Fields.name(path + field);
    }

    private Optional<JsonNode> field(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private JsonNode required(String field) {
        return field(field).orElseThrow(() -> Fields.required(path + field));
    }

    boolean has(String field) {
        return field(field).isPresent();
    }

    String string(String field) {
        return text(field, required(field));
    }

    /** A string field read by {@code parser}, whose refusal is told as the field's. */
    <T> T string(String field, Function<String, T> parser) {
        return parsed(field, string(field), parser);
    }

    <T> Optional<T> optionalString(String field, Function<String, T> parser) {
        return optionalString(field).map(text -> parsed(field, text, parser));
    }

    private <T> T parsed(String field, String text, Function<String, T> parser) {
        return Fields.parse(path + field, text, parser);
    }

    Optional<String> optionalString(String field) {
        return field(field).map(value -> text(field, value));
    }

    private String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw ServiceException.invalid(name(field) + " must be a string");
        }
        return value.asText();
    }

    long integer(String field, Range range) {
        return number(field, required(field), range);
    }

    Optional<Long> optionalInteger(String field, Range range) {
        return field(field).map(value -> number(field, value, range));
    }

    private long number(String field, JsonNode value, Range range) {
        if (!value.isIntegralNumber()) {
            throw ServiceException.invalid(name(field) + " must be an integer");
        }
        if (!value.canConvertToLong()) {
            throw range.outside(path + field, value.asText());
        }
        return range.check(path + field, value.asLong());
    }

    Optional<Boolean> optionalBoolean(String field) {
        return field(field).map(value -> {
            if (!value.isBoolean()) {
                throw ServiceException.invalid(name(field) + " must be true or false");
            }
            return value.asBoolean();
        });
    }

    /** A list of strings, each read by {@code parser}; empty when the field is absent. */
    <T> List<T> strings(String field, Function<String, T> parser) {
        return strings(field).stream().map(text -> parsed(field, text, parser)).toList();
    }

    private List<String> strings(String field) {
        Optional<JsonNode> value = field(field);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw ServiceException.invalid(name(field) + " must be a list of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.get()) {
            if (!item.isTextual()) {
                throw ServiceException.invalid(name(field) + " must be a list of strings");
            }
            items.add(item.asText());
        }
        return items;
    }

    boolean isObject(String field) {
        return field(field).map(JsonNode::isObject).orElse(false);
    }

    /** A nested object with only {@code fields}. */
    JsonBody object(String field, Set<String> fields) {
        return new JsonBody(required(field), path + field + ".").only(name(field), fields);
    }
}

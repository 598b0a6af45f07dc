package io.weft.northbound.service;

import java.util.function.Function;

/**
 * How a request's fields are refused, worded once for both faces: {@code field 'port' is
 * required}, {@code field 'id': malformed tenant id 'Blue': ...}. A nested field is named by its
 * path, {@code src.port}.
 */
public final class Fields {
    private Fields() {
    }

    public static String name(String field) {
        return "field '" + field + "'";
    }

    public static ServiceException required(String field) {
        return ServiceException.invalid(name(field) + " is required");
    }

    /** The text read by {@code parser}, whose refusal is told as the field's. */
    public static <T> T parse(String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (ServiceException e) {
            if (e.kind() != ServiceException.Kind.INVALID) {
                throw e;
            }
            throw ServiceException.invalid(name(field) + ": " + e.getMessage());
        }
    }

    /**
     * A text field that has no presence of its own (a protobuf string): empty is absent, and
     * refused as missing; anything else is read by {@code parser}.
     */
    public static <T> T required(String field, String text, Function<String, T> parser) {
        if (text.isEmpty()) {
            throw required(field);
        }
        return parse(field, text, parser);
    }
}

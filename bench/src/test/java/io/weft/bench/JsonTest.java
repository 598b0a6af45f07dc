package io.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedMapsListsNumbersAndEscapedStrings() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 3);
        inner.put("x", 1.5);
        inner.put("whole", 2.0);
        inner.put("nan", Double.NaN);
        inner.put("almost", 1.0000629);
        inner.put("below", 2.9999);
        inner.put("tiny", -0.0001);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("s", "a\"b\\c\nd\u0001");
        root.put("list", List.of(1, true, "t"));
        root.put("inner", inner);
        root.put("none", null);
        assertThat(Json.write(root)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"list\":[1,true,\"t\"],"
                + "\"inner\":{\"n\":3,\"x\":1.5,\"whole\":2,\"nan\":null,\"almost\":1,\"below\":3,\"tiny\":0},\"none\":null}");
    }
}

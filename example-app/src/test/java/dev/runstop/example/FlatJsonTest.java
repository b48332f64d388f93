package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatJsonTest {

    @Test
    void parsesEveryKindOfFlatValueInOrder() {
        Map<String, Object> fields = FlatJson.parseObject(
                " { \"s\" : \"a\\\"b\\\\c\\/\\n\\u00e9\", \"n\": -12.5e2, \"z\":0, \"t\":true, \"f\":false, \"x\":null } ");
        assertThat(fields).containsExactly(
                Map.entry("s", "a\"b\\c/\né"), Map.entry("n", new BigDecimal("-12.5e2")), Map.entry("z", BigDecimal.ZERO),
                Map.entry("t", true), Map.entry("f", false), new java.util.AbstractMap.SimpleEntry<>("x", null));
        assertThat(FlatJson.parseObject("{}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]                    | expected '{' at character 1, found '['",
        "{\"a\":1,\"a\":2}     | expected no duplicate key 'a' at character 8, found '\"'",
        "{\"a\":01}            | expected ',' or '}' at character 7, found '1'",
        "{\"a\":-}             | expected a digit at character 7, found '}'",
        "{\"a\":1.}            | expected a digit at character 8, found '}'",
        "{\"a\":tru}           | expected a string, number, boolean or null at character 6, found 't'",
        "{\"a\":\"\\x\"}       | expected a valid escape (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at character 8, found 'x'",
        "{\"a\":\"\\u12\"}     | expected four hex digits after '\\u' at character 9, found '1'",
        "{a:1}                 | expected '\"' at character 2, found 'a'",
        "{\"a\":[1]}           | expected a string, number, boolean or null (nested objects and arrays are not accepted) at character 6, found '['",
        "{\"a\":\"open         | expected a closing '\"' at character 11, found end of input",
    })
    void rejectsInvalidJsonSayingWhatWasExpectedWhere(String json, String message) {
        assertThatThrownBy(() -> FlatJson.parseObject(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid JSON: " + message);
    }

    @Test
    void rejectsControlCharactersInStrings() {
        assertThatThrownBy(() -> FlatJson.parseObject("{\"a\":\"x\ty\"}"))
                .hasMessage("invalid JSON: expected no control character inside a string (escape it) at character 8, found '\t'");
    }

    @Test
    void writesNestedObjectsAndEscapes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 3L);
        inner.put("nothing", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("s", "q\"\\\n\u0001");
        outer.put("b", true);
        outer.put("inner", inner);
        assertThat(FlatJson.write(outer)).isEqualTo("{\"s\":\"q\\\"\\\\\\n\\u0001\",\"b\":true,\"inner\":{\"n\":3,\"nothing\":null}}");
        assertThat(FlatJson.parseObject(FlatJson.write(Map.of("s", "q\"\\\n\u0001"))).get("s")).isEqualTo("q\"\\\n\u0001");
    }

    @Test
    void refusesToWriteOtherTypes() {
        assertThatThrownBy(() -> FlatJson.write(Map.of("list", java.util.List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot write a java.util.");
    }
}

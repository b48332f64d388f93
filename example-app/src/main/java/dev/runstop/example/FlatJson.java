package dev.runstop.example;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the app needs, and no more: a strict parser for flat objects (string, number, boolean and
 * null values; no nesting) and a writer for objects of strings, numbers, booleans, nulls and nested
 * maps. Strict means: exactly one object, nothing after it but whitespace, no duplicate keys, no
 * trailing commas, every escape valid.
 */
public final class FlatJson {
    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * @param text a JSON object whose values are strings, numbers, booleans or null
     * @return its fields in document order; numbers as {@link BigDecimal}, null values as {@code null}
     * @throws IllegalArgumentException if the text is not such an object; the message says what was
     *     expected and at which character
     */
    public static Map<String, Object> parseObject(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid JSON: no text");
        }
        FlatJson parser = new FlatJson(text);
        Map<String, Object> fields = parser.object();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("end of input after the object");
        }
        return Collections.unmodifiableMap(fields);
    }

    private Map<String, Object> object() {
        skipWhitespace();
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return fields;
        }
        while (true) {
            skipWhitespace();
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value();
            if (fields.containsKey(key)) {
                pos = keyAt;
                throw error("no duplicate key '" + key + "'");
            }
            fields.put(key, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return fields;
            }
            if (c != ',') {
                pos--;
                throw error("',' or '}'");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        if (c == '{' || c == '[') {
            throw error("a string, number, boolean or null (nested objects and arrays are not accepted)");
        }
        throw error("a string, number, boolean or null");
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a closing '\"'");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("no control character inside a string (escape it)");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("an escape after '\\'");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("four hex digits after '\\u'");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("four hex digits after '\\u'");
                    }
                    pos += 4;
                    break;
                default:
                    pos--;
                    throw error("a valid escape (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("a digit");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "end of input" : "'" + text.charAt(pos) + "'";
        return new IllegalArgumentException("invalid JSON: expected " + expected + " at character " + (pos + 1)
                + ", found " + found);
    }

    /**
     * @param fields an object's fields: values are strings, numbers, booleans, null or nested maps with
     *     string keys
     * @return the object as compact JSON
     * @throws IllegalArgumentException if a value is of another type
     */
    public static String write(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        writeObject(out, fields);
        return out.toString();
    }

    private static void writeObject(StringBuilder out, Map<?, ?> fields) {
        out.append('{');
        String sep = "";
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            out.append(sep);
            writeString(out, String.valueOf(e.getKey()));
            out.append(':');
            writeValue(out, e.getValue());
            sep = ",";
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof CharSequence) {
            writeString(out, value.toString());
        } else if (value instanceof Map) {
            writeObject(out, (Map<?, ?>) value);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: " + value);
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}

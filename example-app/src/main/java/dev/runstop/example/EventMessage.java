package dev.runstop.example;

import java.util.Map;

/**
 * The one message clients send: an event, as a JSON object {@code {"event":"coin"}} (HTTP and feed) or,
 * on a feed, as a bare event name on its own line ({@code coin}).
 */
public final class EventMessage {
    private EventMessage() {
    }

    /**
     * @param json a JSON object with exactly one field, {@code event}, a string naming an event
     * @return the event
     * @throws IllegalArgumentException if the JSON is invalid, has other fields, or names no known event;
     *     the message says which
     */
    public static TurnstileEvent fromJson(String json) {
        Map<String, Object> fields = FlatJson.parseObject(json);
        if (!fields.containsKey("event")) {
            throw new IllegalArgumentException("missing field 'event': send {\"event\":\"coin\"}");
        }
        if (fields.size() != 1) {
            throw new IllegalArgumentException("unexpected fields " + fields.keySet().stream().filter(k -> !k.equals("event")).toList()
                    + ": send only {\"event\":\"...\"}");
        }
        Object name = fields.get("event");
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("field 'event' must be a string, was " + name);
        }
        return TurnstileEvent.parse((String) name);
    }

    /**
     * @param line one line of a feed, without its line ending: a JSON object (starting with <code>{</code>)
     *     or a bare event name; surrounding whitespace is ignored
     * @return the event
     * @throws IllegalArgumentException if the line is neither; the message says why
     */
    public static TurnstileEvent fromFeedLine(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("{") ? fromJson(trimmed) : TurnstileEvent.parse(trimmed);
    }
}

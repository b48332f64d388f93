package dev.runstop.example;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the {@link TurnstileMachine}'s counters.
 *
 * @param state the state when the snapshot was taken
 * @param acceptedByEvent events accepted, per event, every event present
 * @param rejectedByEvent events rejected, per event, every event present
 */
public record MachineMetrics(TurnstileState state, Map<TurnstileEvent, Long> acceptedByEvent,
        Map<TurnstileEvent, Long> rejectedByEvent) {

    /** Copies the maps: a snapshot never changes. */
    public MachineMetrics {
        acceptedByEvent = Map.copyOf(acceptedByEvent);
        rejectedByEvent = Map.copyOf(rejectedByEvent);
    }

    /** @return events accepted in total */
    public long accepted() {
        return acceptedByEvent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return events rejected in total */
    public long rejected() {
        return rejectedByEvent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return events applied in total, accepted or rejected */
    public long processed() {
        return accepted() + rejected();
    }

    /** @return the snapshot as the fields of a JSON object, for {@code GET /metrics} */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state.wireName());
        json.put("accepted", accepted());
        json.put("rejected", rejected());
        json.put("acceptedByEvent", byName(acceptedByEvent));
        json.put("rejectedByEvent", byName(rejectedByEvent));
        return json;
    }

    private static Map<String, Object> byName(Map<TurnstileEvent, Long> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (TurnstileEvent e : TurnstileEvent.values()) {
            json.put(e.wireName(), counts.getOrDefault(e, 0L));
        }
        return json;
    }
}

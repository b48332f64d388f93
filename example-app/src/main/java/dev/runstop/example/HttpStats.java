package dev.runstop.example;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the HTTP API: requests handled, and how many were answered 400 (bad input) or 503 (refused). */
public final class HttpStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void request() {
        requests.increment();
    }

    void badRequest() {
        badRequests.increment();
    }

    void refused() {
        refused.increment();
    }

    /** @return requests received, whatever their answer */
    public long requests() {
        return requests.sum();
    }

    /** @return requests answered 400: bad JSON, unknown event, missing field */
    public long badRequests() {
        return badRequests.sum();
    }

    /** @return requests answered 503 because the app was stopping */
    public long refusedRequests() {
        return refused.sum();
    }

    /** @return the counters as the fields of a JSON object */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", requests());
        json.put("badRequests", badRequests());
        json.put("refused", refusedRequests());
        return json;
    }
}

package dev.runstop.example;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small HTTP client for the tests: every call is bounded by a timeout, so a broken app fails, never hangs. */
final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private Http() {
    }

    /** A response: status and body. */
    record Response(int status, String body) {
    }

    static Response get(int port, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).timeout(TIMEOUT).GET().build());
    }

    static Response post(int port, String path, String body) throws IOException, InterruptedException {
        return send(postRequest(port, path, body));
    }

    static Response event(int port, String event) throws IOException, InterruptedException {
        return post(port, "/events", "{\"event\":\"" + event + "\"}");
    }

    /** Sends a POST without waiting for its response. */
    static CompletableFuture<Response> postAsync(int port, String path, String body) {
        return CLIENT.sendAsync(postRequest(port, path, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }

    private static HttpRequest postRequest(int port, String path, String body) {
        return HttpRequest.newBuilder(uri(port, path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

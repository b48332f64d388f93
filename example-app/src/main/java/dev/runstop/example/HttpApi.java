package dev.runstop.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Session;
import dev.runstop.SessionRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The JSON HTTP API, an actor of the app, on the JDK's built-in server:
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"ok"}}</li>
 *   <li>{@code GET /state}: {@code {"state":"locked"}}</li>
 *   <li>{@code POST /events} with {@code {"event":"coin"}}: 200 with the transition, 409 if the machine
 *       rejected the event, 400 for bad JSON or an unknown event</li>
 *   <li>{@code GET /metrics}: the machine's, the API's and the feed's counters</li>
 * </ul>
 * Every request is a session of this actor. The bound port is published as port handle {@value #PORT}
 * and announced as {@code http listening on port N}. On stop it drains: new requests get 503, requests
 * in flight may finish until shortly before the stop deadline, then the server closes; requests still
 * open then (a slow handler, a client that stalls mid-body) are cut off and named in the stop report.
 * GET resources answer {@code HEAD} as well. It listens on loopback unless given another address.
 */
public final class HttpApi implements Actor {
    /** The name of the published port. */
    public static final String PORT = "http";

    private static final System.Logger LOG = System.getLogger(HttpApi.class.getName());
    private static final int MAX_BODY = 64 * 1024;
    private static final int HANDLER_THREADS = 4;
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_DRAIN_MARGIN = Duration.ofMillis(250);

    private final InetAddress bind;
    private final int port;
    private final TurnstileMachine machine;
    private final HttpStats stats;
    private final FeedStats feedStats;
    private final RequestGate gate;
    private final PrintStream announce;
    private final Supplier<Duration> stopDeadline;
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    /**
     * The requests in flight. When the drain ends with some still open, they are cut off: their sessions
     * stay open until {@code run} returns, so the stop report names them (and the stop is not clean),
     * even though closing the server makes their handlers finish at once.
     */
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();

    /** What became of a request in flight; moves once, from OPEN, under compare-and-set. */
    private enum RequestState { OPEN, DONE, CUT_OFF }

    /** A request whose session is open. */
    private static final class InFlight {
        final Session session;
        final AtomicReference<RequestState> state = new AtomicReference<>(RequestState.OPEN);

        InFlight(Session session) {
            this.session = session;
        }
    }

    /**
     * @param port the port to bind, 0 for an ephemeral one
     * @param machine where events go
     * @param stats this API's counters
     * @param feedStats the feed's counters for {@code /metrics}, or null if the app has no feed
     * @param gate called in {@code POST /events} before the event is applied
     * @param announce where to print {@code http listening on port N}, or null
     * @param stopDeadline this actor's stop deadline, read when the stop comes: draining ends a little
     *     before it so the server is closed in time
     * @throws IllegalArgumentException if the port is out of range or a required argument is null
     */
    public HttpApi(int port, TurnstileMachine machine, HttpStats stats, FeedStats feedStats, RequestGate gate,
            PrintStream announce, Supplier<Duration> stopDeadline) {
        this(InetAddress.getLoopbackAddress(), port, machine, stats, feedStats, gate, announce, stopDeadline);
    }

    /**
     * @param bind the address to listen on; {@code 0.0.0.0} for every interface
     * @param port the port to bind, 0 for an ephemeral one
     * @param machine where events go
     * @param stats this API's counters
     * @param feedStats the feed's counters for {@code /metrics}, or null if the app has no feed
     * @param gate called in {@code POST /events} before the event is applied
     * @param announce where to print {@code http listening on port N}, or null
     * @param stopDeadline this actor's stop deadline, read when the stop comes: draining ends a little
     *     before it so the server is closed in time
     * @throws IllegalArgumentException if the port is out of range or a required argument is null
     */
    public HttpApi(InetAddress bind, int port, TurnstileMachine machine, HttpStats stats, FeedStats feedStats,
            RequestGate gate, PrintStream announce, Supplier<Duration> stopDeadline) {
        if (bind == null) {
            throw new IllegalArgumentException("bind address must not be null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port must be 0 (ephemeral) to 65535, was " + port);
        }
        if (machine == null || stats == null || gate == null || stopDeadline == null) {
            throw new IllegalArgumentException("machine, stats, gate and stopDeadline must not be null");
        }
        this.bind = bind;
        this.port = port;
        this.machine = machine;
        this.stats = stats;
        this.feedStats = feedStats;
        this.gate = gate;
        this.announce = announce;
        this.stopDeadline = stopDeadline;
    }

    @Override
    public boolean signalsReady() {
        return true;
    }

    /** Binds, serves until stopped, then drains the requests in flight and closes the server. */
    @Override
    public void run(ActorContext ctx) throws Exception {
        if (stopAsked.getCount() == 0) {
            return;
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (BindException e) {
            throw new BindException("cannot listen on port " + port + " of " + bind.getHostAddress() + ": " + e.getMessage()
                    + " (choose another with --http-port, or 0 for any free port; the address with --bind)");
        }
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, ctx.threadFactory());
        TurnstileMachine.Attachment attached = machine.attach(); // requests draining can still apply events
        try {
            server.setExecutor(handlers);
            server.createContext("/", exchange -> handle(ctx, exchange));
            server.start();
            try {
                int bound = server.getAddress().getPort();
                ctx.publishPort(PORT, bound);
                if (announce != null) {
                    announce.println("http listening on port " + bound);
                    announce.flush();
                }
                ctx.ready();
                awaitUninterruptibly(stopAsked);
                drain(ctx);
            } finally {
                server.stop(0);
            }
        } finally {
            attached.close();
            handlers.shutdown();
        }
    }

    /** Makes {@code run} drain and close the server. Safe at any time, any number of times. */
    @Override
    public void stop(Throwable cause) {
        stopAsked.countDown();
    }

    private void drain(ActorContext ctx) throws InterruptedException {
        Duration deadline = stopDeadline.get();
        Duration margin = deadline.dividedBy(5).compareTo(MAX_DRAIN_MARGIN) < 0 ? deadline.dividedBy(5) : MAX_DRAIN_MARGIN;
        Duration budget = deadline.minus(margin);
        LOG.log(System.Logger.Level.INFO, "http: stopping; draining {0,number,#} request(s) in flight for up to {1,number,#} ms",
                inFlight.size(), budget.toMillis());
        boolean drained = !budget.isZero() && !budget.isNegative() && ctx.awaitSessionsClosed(budget);
        int cut = 0;
        for (InFlight request : inFlight) {
            if (request.state.compareAndSet(RequestState.OPEN, RequestState.CUT_OFF)) {
                cut++; // its session stays open: the stop report names it
            }
        }
        if (!drained || cut > 0) {
            LOG.log(System.Logger.Level.WARNING, "http: {0,number,#} request(s) still in flight after draining for"
                    + " {1,number,#} ms; closing the server (they are reported as cut off)", cut, budget.toMillis());
        }
    }

    private void handle(ActorContext ctx, HttpExchange exchange) {
        String label = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        Session session;
        try {
            session = ctx.openSession(label);
        } catch (SessionRefusedException e) {
            stats.request();
            stats.refused();
            respondQuietly(exchange, 503, error("the app is stopping: " + label + " refused"));
            exchange.close();
            return;
        }
        InFlight request = new InFlight(session);
        inFlight.add(request);
        stats.request(); // after the session opened: a request counted in /metrics is in flight or done
        try {
            gate.opened(label);
            route(exchange, label);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "http: " + label + ": could not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respondQuietly(exchange, 503, error("interrupted before " + label + " was answered"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "http: " + label + " failed", e);
            respondQuietly(exchange, 500, error("internal error: " + e));
        } finally {
            exchange.close();
            inFlight.remove(request);
            if (request.state.compareAndSet(RequestState.OPEN, RequestState.DONE)) {
                session.close();
            }
        }
    }

    private void route(HttpExchange exchange, String label) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/health":
                if (allowGet(exchange, method)) {
                    respond(exchange, 200, Map.of("status", "ok"));
                }
                return;
            case "/state":
                if (allowGet(exchange, method)) {
                    respond(exchange, 200, Map.of("state", machine.state().wireName()));
                }
                return;
            case "/metrics":
                if (allowGet(exchange, method)) {
                    respond(exchange, 200, metrics());
                }
                return;
            case "/events":
                if (allow(exchange, method, "POST")) {
                    postEvent(exchange, label);
                }
                return;
            default:
                respond(exchange, 404, error("no such resource: " + path + "; try GET /health, GET /state, POST /events, GET /metrics"));
        }
    }

    private void postEvent(HttpExchange exchange, String label) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                stats.badRequest();
                respond(exchange, 413, error("request body larger than " + MAX_BODY + " bytes"));
                return;
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        TurnstileEvent event;
        try {
            event = EventMessage.fromJson(body);
        } catch (IllegalArgumentException e) {
            stats.badRequest();
            respond(exchange, 400, error(e.getMessage()));
            return;
        }
        Transition transition;
        try {
            gate.enter(label, event);
            transition = machine.submit(event).get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, error("interrupted before event '" + event.wireName() + "' was applied"));
            return;
        } catch (ExecutionException e) {
            respond(exchange, 503, error(String.valueOf(e.getCause().getMessage())));
            return;
        } catch (TimeoutException e) {
            respond(exchange, 503, error("the turnstile machine did not apply event '" + event.wireName() + "' within "
                    + EVENT_TIMEOUT.toMillis() + " ms"));
            return;
        }
        respond(exchange, transition.accepted() ? 200 : 409, transition.toJson());
    }

    private Map<String, Object> metrics() {
        Map<String, Object> json = new LinkedHashMap<>(machine.metrics().toJson());
        json.put("http", stats.toJson());
        if (feedStats != null) {
            json.put("feed", feedStats.toJson());
        }
        return json;
    }

    /** GET resources answer HEAD too: the same status and headers, no body. */
    private boolean allowGet(HttpExchange exchange, String method) throws IOException {
        return method.equals("GET") || method.equals("HEAD") || allow(exchange, method, "GET, HEAD");
    }

    private boolean allow(HttpExchange exchange, String method, String allowed) throws IOException {
        if (method.equals(allowed)) {
            return true; // allowGet has already let GET and HEAD through
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        respond(exchange, 405, error("method " + method + " not allowed on " + exchange.getRequestURI().getPath()
                + "; use " + allowed));
        return false;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        byte[] bytes = (FlatJson.write(json) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            // A HEAD response has no body; the JDK server sends none (and warns) only when told -1.
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void respondQuietly(HttpExchange exchange, int status, Map<String, ?> json) {
        try {
            respond(exchange, status, json);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "http: could not send " + status + ": " + e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HttpApi[" + bind.getHostAddress() + " port " + port + "]";
    }
}

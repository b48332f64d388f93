package dev.runstop.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.Session;
import dev.runstop.SessionRefusedException;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.example.TurnstileEvent;
import dev.runstop.example.TurnstileMachine;
import dev.runstop.example.TurnstileState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The README's sections on the group, shutdown idioms, handles, sessions and leak checks, run. */
class GroupSnippetsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A feed whose pump applies its events to the machine and returns: its end ends the group. */
    static final class Feed {
        private final List<TurnstileEvent> events;
        private final TurnstileMachine machine;
        private volatile boolean closed;

        Feed(TurnstileMachine machine, TurnstileEvent... events) {
            this.machine = machine;
            this.events = List.of(events);
        }

        void pump() throws Exception {
            for (TurnstileEvent e : events) {
                if (closed) {
                    return;
                }
                machine.submit(e).get(30, TimeUnit.SECONDS);
            }
        }

        void close() {
            closed = true;
        }
    }

    @Test
    void theGroup() throws Exception {
        TurnstileMachine machine = new TurnstileMachine();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Feed feed = new Feed(machine, TurnstileEvent.COIN);

        Group group = new Group("shop")                      // threads are named shop/<actor>
                .stopDeadline(Duration.ofSeconds(5));        // default for every actor
        group.add("machine", machine);                       // an Actor: run(ctx) + stop(cause)
        group.add("http", Actors.service(server::start, () -> server.stop(0)));
        group.add("feed", ctx -> feed.pump(), cause -> feed.close());   // the oklog/run pair
        group.add("signals", Actors.signals("INT", "TERM"));
        StopReport report = group.run();   // blocks; throws GroupFailedException unless the stop was clean

        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(report.cause().actor()).isEqualTo("feed");
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);
    }

    /** A job of the scheduler. */
    interface Job {
        void run();
    }

    @Test
    void stoppedByInterrupt() throws Exception {
        Group group = new Group("jobs").osSignals(false);
        BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
        CountDownLatch ran = new CountDownLatch(1);
        group.add("scheduler", Actors.interruptible(ctx -> {
            while (true) {
                Job job = queue.take();
                job.run();
            }
        }));
        group.add("driver", ctx -> {
            queue.put(ran::countDown);
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        });
        StopReport report = group.run();
        assertThat(report.actor("scheduler").outcome()).hasToString("RETURNED");
    }

    @Test
    void stoppedByClosingWhatItBlocksOn() throws Exception {
        Group group = new Group("closing").osSignals(false);
        try (Peer peer = new Peer("hello\nworld\n")) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
            ServerSocket listener = new ServerSocket(0);
            group.add("listener", Actors.closing(listener, ctx -> {
                ctx.publishPort("tcp", listener.getLocalPort());
                while (true) handle(listener.accept());
            }));

            InputStream in = socket.getInputStream();
            group.add("reader", Actors.closing(in, ctx -> {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8));
                for (String line; (line = lines.readLine()) != null; ) process(line);
            }));

            StopReport report = group.run(); // the reader returns at the end of the peer's lines
            assertThat(report.cause().actor()).isEqualTo("reader");
            assertThat(received).containsExactly("hello", "world");
            socket.close();
        }
    }

    private static void handle(Socket connection) throws IOException {
        connection.close();
    }

    private final List<String> received = new CopyOnWriteArrayList<>();

    private void process(String line) {
        received.add(line);
    }

    @Test
    void anAsynchronousService() throws Exception {
        Group group = new Group("services").osSignals(false);
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
        group.add("http", Actors.service(server::start, () -> server.stop(0)));

        ExecutorService workers = Executors.newFixedThreadPool(4);
        group.add("workers", Actors.service(() -> { }, () -> {
            workers.shutdown();
            workers.awaitTermination(2, TimeUnit.SECONDS);
        }));
        group.add("driver", ctx -> workers.submit(served::incrementAndGet).get(30, TimeUnit.SECONDS));
        StopReport report = group.run();
        assertThat(served).hasValue(1);
        assertThat(report.actors()).hasSize(3);
    }

    /** What the holder holds. */
    interface Resource extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger closedResources = new AtomicInteger();

    private void tick() {
        ticks.incrementAndGet();
        LockSupport.parkNanos(1_000_000);
    }

    private Resource open() {
        return closedResources::incrementAndGet;
    }

    @Test
    void oneFunctionThatWatchesItsContext() throws Exception {
        Group group = new Group("watch").osSignals(false);
        group.add("ticker", ctx -> {
            while (!ctx.stopDelivered()) tick();
        });
        group.add("holder", ctx -> {
            Resource r = open();
            ctx.awaitStop();
            r.close();
        });
        group.add("driver", ctx -> {
            while (ticks.get() == 0) {
                LockSupport.parkNanos(1_000_000);
            }
        });
        group.run();
        assertThat(closedResources).hasValue(1);
    }

    @Test
    void signalsOnlyThisGroupSees() throws Exception {
        Group group = new Group("signalled").osSignals(false);
        group.add("signals", Actors.signals("INT", "TERM"));
        RunningGroup app = group.start();
        app.awaitReady(WAIT); // the README's block omits this, and then signal() can come before the actor listens
        app.signal("TERM");   // only this group sees it
        StopReport report = app.awaitTermination(WAIT).orElseThrow();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void servicePublishesItsPortAndTheClientDependsOnIt() throws Exception {
        Group group = new Group("shop").osSignals(false);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        group.add("http", Actors.service(ctx -> {
            server.start();
            ctx.publishPort("http", server.getAddress().getPort());
        }, () -> server.stop(0)));
        group.add("client", ctx -> {
            int port = ctx.handles().awaitPort("http", Duration.ofSeconds(10));   // 'client' now depends on 'http'
            ctx.awaitStop();
        });
        RunningGroup app = group.start().awaitReady(Duration.ofSeconds(10));
        int port = app.handles().port("http");

        assertThat(port).isEqualTo(server.getAddress().getPort());
        StopReport report = app.stopAndAwait("test done");
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(report.actor("client").dependsOn()).containsExactly("http");
    }

    /** A value published by type. */
    static final class Machine {
    }

    /** The README's handles block, on {@code group} (not started yet) and {@code app} (running). */
    static int handles(Group group, RunningGroup app) {
        group.add("client", ctx -> {
            int port = ctx.handles().awaitPort("http", Duration.ofSeconds(10));
            assertThat(port).isPositive();
        });
        int port = app.handles().port("http");
        Machine m = app.handles().getByType(Machine.class);
        assertThat(m).isNotNull();
        return port;
    }

    @Test
    void readinessAndHandles() throws Exception {
        Group running = new Group("shop").osSignals(false).add("http", ctx -> {
            ctx.publishPort("http", 43121);
            ctx.publish("machine", new Machine());
            ctx.awaitStop();
        });
        try (RunningGroup app = running.start()) {
            app.awaitReady(WAIT);
            app.handles().awaitByType(Machine.class, WAIT);
            Group group = new Group("client").osSignals(false).add("http", ctx -> ctx.publishPort("http", 43122));
            assertThat(handles(group, app)).isEqualTo(43121);
            StopReport report = group.run(); // the client returns once it has the port
            assertThat(report.clean()).isTrue();
        }
    }

    /** The README's sessions block: the request half, then the stop half, on the actor's thread. */
    private static void session(ActorContext ctx, HttpExchange exchange, HttpServer server) throws Exception {
        // in a request handler of the "http" actor
        try (Session s = ctx.openSession("POST /events")) {
            handle(exchange);
        } catch (SessionRefusedException stopping) {
            exchange.sendResponseHeaders(503, -1);
        }

        // in the actor's stop path, before closing the server
        ctx.awaitSessionsClosed(Duration.ofSeconds(5)); // bounded by the stop deadline too
        server.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body = "{\"accepted\":true}".getBytes(UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void sessions() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SynchronousQueue<HttpExchange> requests = new SynchronousQueue<>();
        server.createContext("/events", exchange -> {
            try {
                requests.put(exchange); // the actor's thread answers it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Group group = new Group("sessions").osSignals(false).add("http", ctx -> {
            server.start();
            ctx.publishPort("http", server.getAddress().getPort());
            HttpExchange exchange = requests.take();
            session(ctx, exchange, server);
        });
        try (RunningGroup app = group.start()) {
            int port = app.handles().awaitPort("http", WAIT); // a plain body is ready before it publishes
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/events")).timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"coin\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("{\"accepted\":true}");
            StopReport report = app.awaitTermination(WAIT).orElseThrow();
            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }

    @Test
    void leakCheckSettings() throws Exception {
        ForkJoinPool sharedPool = new ForkJoinPool(1);
        try {
            Group group = new Group("app")
                    .leakCheck(Duration.ofSeconds(1))                         // linger; Duration.ZERO turns the check off
                    .ignoreThreads(t -> t.getName().startsWith("OkHttp "))    // allow-list (added to the common pool)
                    .ignoreThreads(t -> t instanceof ForkJoinWorkerThread w && w.getPool() == sharedPool);
            group.osSignals(false).add("user", ctx -> sharedPool.submit(() -> 42).get(30, TimeUnit.SECONDS));
            StopReport report = group.run(); // the pool's worker outlives the group, and is allowed to
            assertThat(report.clean()).isTrue();
        } finally {
            sharedPool.shutdownNow();
        }
    }

    /** A TCP peer that sends some text to one connection and closes it. */
    static final class Peer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        Peer(String text) throws IOException {
            thread = new Thread(() -> {
                try (Socket c = socket.accept()) {
                    c.getOutputStream().write(text.getBytes(UTF_8));
                } catch (IOException ignored) {
                    // closed
                }
            }, "peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(30_000);
        }
    }
}

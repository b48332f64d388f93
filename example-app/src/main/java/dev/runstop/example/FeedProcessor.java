package dev.runstop.example;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.HandleTimeoutException;
import dev.runstop.Session;
import dev.runstop.SessionRefusedException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stream processor, an actor of the app: reads newline-delimited events (a bare name such as
 * {@code coin}, or {@code {"event":"coin"}}) from a {@link FeedSource} and applies them to the machine in
 * order, one at a time. Each line is a session. Blank lines are skipped; malformed lines (unknown event,
 * bad JSON, longer than {@value #MAX_LINE} characters) are counted in {@link FeedStats} and logged, never
 * fatal. Ready once the feed is open. Publishes its {@link FeedStats} as handle {@value FeedStats#HANDLE}.
 *
 * <p>Stopped by closing its stream (via {@link Actors#closing}): whatever it is blocked on, connecting
 * or reading, fails at once, and that counts as a normal return. When the feed ends by itself, it
 * returns (ending the app) or keeps waiting for stop, as {@link FeedEnd} says. A read error that is not
 * caused by a stop (a connection reset) fails the actor, naming the feed and the last line read.
 */
public final class FeedProcessor implements Actor {
    /** Longest line accepted, in characters; longer lines are malformed. */
    public static final int MAX_LINE = 4096;

    private static final System.Logger LOG = System.getLogger(FeedProcessor.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);

    private final FeedSource source;
    private final TurnstileMachine machine;
    private final FeedStats stats;
    private final FeedEnd onEnd;
    private final Duration handleTimeout;
    private final FeedConnection connection = new FeedConnection();
    private final Actor delegate;

    /**
     * @param source where events come from
     * @param machine where they go
     * @param stats the feed's counters
     * @param onEnd what to do when the feed ends by itself
     * @param handleTimeout for {@link FeedSource.FromHandle}: how long to wait for the address; positive
     * @throws IllegalArgumentException if an argument is null or the timeout not positive
     */
    public FeedProcessor(FeedSource source, TurnstileMachine machine, FeedStats stats, FeedEnd onEnd, Duration handleTimeout) {
        if (source == null || machine == null || stats == null || onEnd == null || handleTimeout == null) {
            throw new IllegalArgumentException("source, machine, stats, onEnd and handleTimeout must not be null");
        }
        if (handleTimeout.isZero() || handleTimeout.isNegative()) {
            throw new IllegalArgumentException("feed handle timeout must be positive, was " + handleTimeout);
        }
        this.source = source;
        this.machine = machine;
        this.stats = stats;
        this.onEnd = onEnd;
        this.handleTimeout = handleTimeout;
        this.delegate = Actors.closing(connection, this::process);
    }

    @Override
    public boolean signalsReady() {
        return true;
    }

    /** Opens the feed, reports ready, and applies its lines until it ends or is closed by stop. */
    @Override
    public void run(ActorContext ctx) throws Exception {
        delegate.run(ctx);
    }

    /** Closes the feed's stream (or the socket being connected). Safe at any time, any number of times. */
    @Override
    public void stop(Throwable cause) {
        delegate.stop(cause);
    }

    private void process(ActorContext ctx) throws Exception {
        ctx.publish(FeedStats.HANDLE, stats);
        String from = source.toString();
        InputStream in = open(ctx);
        if (in == null) {
            return; // the group stopped while the feed waited for its address
        }
        ctx.ready();
        LOG.log(System.Logger.Level.INFO, "feed: reading events from {0}", from);
        BoundedLineReader reader = new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
        long lineNo = 0;
        TurnstileMachine.Attachment attached = machine.attach();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw new IOException("reading the feed from " + from + " failed after line " + lineNo + ": " + e.getMessage(), e);
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (line != BoundedLineReader.TOO_LONG && line.isBlank()) {
                    continue;
                }
                Session session;
                try {
                    session = ctx.openSession("feed line " + lineNo);
                } catch (SessionRefusedException e) {
                    return; // the app is stopping: take no new work
                }
                try (session) {
                    if (!apply(line, lineNo)) {
                        return;
                    }
                }
            }
        } finally {
            attached.close();
            in.close();
        }
        stats.ended();
        LOG.log(System.Logger.Level.INFO, "feed: {0} ended after {1,number,#} lines; {2}", from, lineNo,
                onEnd == FeedEnd.STOP ? "the feed processor returns" : "waiting for the app to stop");
        if (onEnd == FeedEnd.KEEP_RUNNING) {
            ctx.awaitStop();
        }
    }

    /** @return false if the machine has stopped (the app is stopping) */
    private boolean apply(String line, long lineNo) throws InterruptedException, TimeoutException {
        TurnstileEvent event;
        try {
            if (line == BoundedLineReader.TOO_LONG) {
                throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
            }
            event = EventMessage.fromFeedLine(line);
        } catch (IllegalArgumentException e) {
            stats.processed(true);
            LOG.log(System.Logger.Level.WARNING, "feed: line {0,number,#} malformed, skipped: {1}: {2}", lineNo, e.getMessage(), abbreviate(line));
            return true;
        }
        Transition transition;
        try {
            transition = machine.submit(event).get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return false; // MachineStoppedException: the machine has stopped, so is the app
        } catch (TimeoutException e) {
            throw new TimeoutException("feed line " + lineNo + ": the turnstile machine did not apply event '"
                    + event.wireName() + "' within " + EVENT_TIMEOUT.toMillis() + " ms");
        }
        stats.processed(false);
        transition.rejectionReason().ifPresent(reason -> LOG.log(System.Logger.Level.DEBUG, "feed: line {0,number,#}: {1}", lineNo, reason));
        return true;
    }

    /** @return the open feed, or null if the group stopped before the feed's address was published */
    private InputStream open(ActorContext ctx) throws IOException, InterruptedException {
        if (source instanceof FeedSource.StandardInput) {
            // A FileChannel, unlike System.in, is unblocked when closed from another thread.
            FileChannel channel = connection.register(new FileInputStream(FileDescriptor.in).getChannel());
            return Channels.newInputStream(channel);
        }
        if (source instanceof FeedSource.Tcp) {
            FeedSource.Tcp tcp = (FeedSource.Tcp) source;
            return connect(tcp.host(), tcp.port());
        }
        if (source instanceof FeedSource.FromHandle) {
            String name = ((FeedSource.FromHandle) source).name();
            long waitStarted = System.nanoTime();
            int port;
            try {
                port = ctx.handles().awaitPort(name, handleTimeout);
            } catch (HandleTimeoutException e) {
                if (System.nanoTime() - waitStarted < handleTimeout.toNanos()) {
                    ctx.awaitStop(); // ended early: the group is stopping, and its stop is on the way to this actor
                    return null;
                }
                throw new IllegalStateException("the feed's address was not published as port handle '" + name + "' within "
                        + handleTimeout.toMillis() + " ms: " + e.getMessage(), e);
            }
            String host = ctx.handles().find(name + ".host", String.class).orElse("localhost");
            LOG.log(System.Logger.Level.INFO, "feed: handle ''{0}'' says the feed is at {1}:{2,number,#}", name, host, port);
            return connect(host, port);
        }
        FeedSource.Stream stream = (FeedSource.Stream) source;
        InputStream in = stream.open().get();
        if (in == null) {
            throw new IllegalStateException("the stream feed '" + stream.description() + "' opened no stream (null)");
        }
        return connection.register(in);
    }

    private InputStream connect(String host, int port) throws IOException {
        Socket socket = connection.register(new Socket());
        try {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            return socket.getInputStream();
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to the feed at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        if (line == BoundedLineReader.TOO_LONG) {
            return line;
        }
        return line.length() <= 80 ? "'" + line + "'" : "'" + line.substring(0, 80) + "...'";
    }

    @Override
    public String toString() {
        return "FeedProcessor[" + source + "]";
    }
}

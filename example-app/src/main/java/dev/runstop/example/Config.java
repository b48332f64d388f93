package dev.runstop.example;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * How to build the app: immutable; each {@code with}-style method returns a changed copy and rejects bad
 * values with {@link IllegalArgumentException}. Start from {@link #defaults()}.
 *
 * <pre>{@code
 * Config config = Config.defaults().httpPort(0).feed("localhost:7000").stopDeadline(Duration.ofSeconds(2));
 * }</pre>
 */
public final class Config {
    /** The HTTP port when none is configured. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** The stop deadline when none is configured. */
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(5);
    /** The longest stop deadline: longer ones are surely a mistake (and would overflow clocks in nanoseconds). */
    public static final Duration MAX_STOP_DEADLINE = Duration.ofHours(24);
    /** The address the HTTP API listens on when none is configured: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** How long a feed from a handle waits for the handle when nothing else is configured. */
    public static final Duration DEFAULT_FEED_HANDLE_TIMEOUT = Duration.ofSeconds(60);

    private final int httpPort;
    private final InetAddress bind;
    private final FeedSource feed;
    private final Duration stopDeadline;
    private final FeedEnd onFeedEnd;
    private final Duration feedHandleTimeout;
    private final RequestGate requestGate;
    private final PrintStream announce;

    private Config(int httpPort, InetAddress bind, FeedSource feed, Duration stopDeadline, FeedEnd onFeedEnd, Duration feedHandleTimeout,
            RequestGate requestGate, PrintStream announce) {
        this.httpPort = httpPort;
        this.bind = bind;
        this.feed = feed;
        this.stopDeadline = stopDeadline;
        this.onFeedEnd = onFeedEnd;
        this.feedHandleTimeout = feedHandleTimeout;
        this.requestGate = requestGate;
        this.announce = announce;
    }

    /**
     * @return port {@value #DEFAULT_HTTP_PORT} on {@value #DEFAULT_BIND}, no feed, a 5 s stop deadline, the app stops when the feed
     *     ends, no request gate, no announcement
     */
    public static Config defaults() {
        return new Config(DEFAULT_HTTP_PORT, InetAddress.getLoopbackAddress(), null, DEFAULT_STOP_DEADLINE, FeedEnd.STOP, DEFAULT_FEED_HANDLE_TIMEOUT,
                RequestGate.OPEN, null);
    }

    /**
     * @param port 0 for an ephemeral port (read it from port handle {@code http}), or 1 to 65535
     * @return a copy with this HTTP port
     */
    public Config httpPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port must be 0 (ephemeral) to 65535, was " + port);
        }
        return new Config(port, bind, feed, stopDeadline, onFeedEnd, feedHandleTimeout, requestGate, announce);
    }

    /**
     * @param address the address the HTTP API listens on: an IP literal such as {@code 127.0.0.1},
     *     {@code 0.0.0.0} (every interface) or {@code ::1}, or a host name, resolved now
     * @return a copy with this bind address
     * @throws IllegalArgumentException if the address is null, blank or cannot be resolved
     */
    public Config bind(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("bind address must be an IP address or host name, was "
                    + (address == null ? "null" : "'" + address + "'"));
        }
        String host = address.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return bind(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + address + "' cannot be resolved");
        }
    }

    /**
     * @param address the address the HTTP API listens on; {@code 0.0.0.0} for every interface
     * @return a copy with this bind address
     * @throws IllegalArgumentException if the address is null
     */
    public Config bind(InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("bind address must not be null; the default is " + DEFAULT_BIND);
        }
        return new Config(httpPort, address, feed, stopDeadline, onFeedEnd, feedHandleTimeout, requestGate, announce);
    }

    /**
     * @param source where the feed comes from, or null for no feed (then the app has no feed actor)
     * @return a copy with this feed
     */
    public Config feed(FeedSource source) {
        return new Config(httpPort, bind, source, stopDeadline, onFeedEnd, feedHandleTimeout, requestGate, announce);
    }

    /**
     * @param spec {@code -} for standard input or {@code host:port}
     * @return a copy with this feed
     */
    public Config feed(String spec) {
        return feed(FeedSource.parse(spec));
    }

    /**
     * A feed whose address another actor of the group publishes: port handle {@code name} and, optionally,
     * String handle {@code name.host}. The feed processor waits for it (see {@link #feedHandleTimeout}), so
     * the publishing actor may start in any order.
     *
     * @param name the port handle's name
     * @return a copy with this feed
     */
    public Config feedFromHandle(String name) {
        return feed(new FeedSource.FromHandle(name));
    }

    /**
     * @param deadline how long each actor may take to stop; positive, at most {@link #MAX_STOP_DEADLINE}
     * @return a copy with this stop deadline
     */
    public Config stopDeadline(Duration deadline) {
        if (deadline == null || deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("stop deadline must be positive, was " + deadline);
        }
        if (deadline.compareTo(MAX_STOP_DEADLINE) > 0) {
            throw new IllegalArgumentException("stop deadline must be at most 24h, was " + deadline);
        }
        return new Config(httpPort, bind, feed, deadline, onFeedEnd, feedHandleTimeout, requestGate, announce);
    }

    /**
     * @param policy what to do when the feed ends by itself
     * @return a copy with this policy
     */
    public Config onFeedEnd(FeedEnd policy) {
        if (policy == null) {
            throw new IllegalArgumentException("feed end policy must not be null");
        }
        return new Config(httpPort, bind, feed, stopDeadline, policy, feedHandleTimeout, requestGate, announce);
    }

    /**
     * @param timeout how long a feed from a handle waits for the handle; positive
     * @return a copy with this timeout
     */
    public Config feedHandleTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("feed handle timeout must be positive, was " + timeout);
        }
        return new Config(httpPort, bind, feed, stopDeadline, onFeedEnd, timeout, requestGate, announce);
    }

    /**
     * A hook for tests: called by {@code POST /events} before the event is applied (see {@link RequestGate}).
     *
     * @param gate the gate; {@link RequestGate#OPEN} for none
     * @return a copy with this gate
     */
    public Config requestGate(RequestGate gate) {
        if (gate == null) {
            throw new IllegalArgumentException("request gate must not be null; use RequestGate.OPEN for none");
        }
        return new Config(httpPort, bind, feed, stopDeadline, onFeedEnd, feedHandleTimeout, gate, announce);
    }

    /**
     * @param out where the HTTP actor prints {@code http listening on port N} once bound, or null for nowhere
     * @return a copy with this announcement stream
     */
    public Config announceTo(PrintStream out) {
        return new Config(httpPort, bind, feed, stopDeadline, onFeedEnd, feedHandleTimeout, requestGate, out);
    }

    /** @return the HTTP port; 0 means ephemeral */
    public int httpPort() {
        return httpPort;
    }

    /** @return the address the HTTP API listens on (default loopback, {@value #DEFAULT_BIND}) */
    public InetAddress bind() {
        return bind;
    }

    /** @return the feed, or empty if the app has none */
    public Optional<FeedSource> feed() {
        return Optional.ofNullable(feed);
    }

    /** @return the stop deadline of every actor */
    public Duration stopDeadline() {
        return stopDeadline;
    }

    /** @return what happens when the feed ends */
    public FeedEnd onFeedEnd() {
        return onFeedEnd;
    }

    /** @return how long a feed from a handle waits for it */
    public Duration feedHandleTimeout() {
        return feedHandleTimeout;
    }

    /** @return the request gate */
    public RequestGate requestGate() {
        return requestGate;
    }

    /** @return where the bound port is announced, or empty */
    public Optional<PrintStream> announce() {
        return Optional.ofNullable(announce);
    }

    @Override
    public String toString() {
        return "Config[httpPort=" + httpPort + ", bind=" + bind.getHostAddress() + ", feed=" + (feed == null ? "none" : feed) + ", stopDeadline=" + stopDeadline
                + ", onFeedEnd=" + onFeedEnd + "]";
    }
}

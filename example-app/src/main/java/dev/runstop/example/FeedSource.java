package dev.runstop.example;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Where the feed of newline-delimited events comes from: standard input, a TCP address, a TCP address
 * published as a group handle (a container's mapped port), or a stream a test supplies.
 */
public sealed interface FeedSource {

    /** Standard input ({@code --feed -}). */
    record StandardInput() implements FeedSource {
        @Override
        public String toString() {
            return "standard input";
        }
    }

    /**
     * A TCP server the app connects to ({@code --feed host:port}).
     *
     * @param host host name or address
     * @param port 1 to 65535
     */
    record Tcp(String host, int port) implements FeedSource {
        /** Checks the address. */
        public Tcp {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("feed host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("feed port must be 1 to 65535, was " + port);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * A TCP server whose port another actor of the group publishes as port handle {@code name}, and its
     * host as String handle {@code name.host} (published before the port; localhost if absent).
     *
     * @param name the port handle's name
     */
    record FromHandle(String name) implements FeedSource {
        /** Checks the name. */
        public FromHandle {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("feed handle name must not be blank");
            }
        }

        @Override
        public String toString() {
            return "the address published as handle '" + name + "'";
        }
    }

    /**
     * A stream opened when the feed starts, for tests and embedding.
     *
     * @param description what the stream is, for logs and errors
     * @param open opens the stream; the feed closes it when it ends or is stopped
     */
    record Stream(String description, Supplier<? extends InputStream> open) implements FeedSource {
        /** Checks the arguments. */
        public Stream {
            if (description == null || open == null) {
                throw new IllegalArgumentException("stream feed needs a description and an open function");
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Parses the {@code --feed} option.
     *
     * @param spec {@code -} for standard input, or {@code host:port}
     * @return the source
     * @throws IllegalArgumentException if the spec is neither; the message shows the accepted forms
     */
    static FeedSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("feed must be '-' (standard input) or host:port, was empty");
        }
        if (spec.equals("-")) {
            return new StandardInput();
        }
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("feed must be '-' (standard input) or host:port, was '" + spec + "'");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feed port must be a number in '" + spec + "'");
        }
        return new Tcp(host, port);
    }
}

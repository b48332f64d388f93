package dev.runstop.readme.shop;

import dev.runstop.Actors;
import dev.runstop.Group;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The README's sample shop: a TCP listener (port handle {@code http}) and a signal handler. */
public final class Shop {
    private Shop() {
    }

    private static void acceptUntilClosed(ServerSocket listener) {
        try {
            while (true) {
                listener.accept().close();
            }
        } catch (IOException closed) {
            // the actor's stop closed the listener
        }
    }

    /**
     * @param config the configuration
     * @return a new, unstarted group
     */
    public static Group group(Config config) {
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Ready once the port is published, so tests may read it as soon as the app is ready.
        return new Group("shop")
                .add("http", Actors.service(ctx -> {
                    ctx.publishPort("http", listener.getLocalPort());
                    ctx.threadFactory().newThread(() -> acceptUntilClosed(listener)).start();
                }, listener::close))
                .add("signals", Actors.signals("INT", "TERM"));
    }
}

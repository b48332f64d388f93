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
        return new Group("shop")
                .add("http", Actors.closing(listener, ctx -> {
                    ctx.publishPort("http", listener.getLocalPort());
                    while (true) {
                        listener.accept().close();
                    }
                }))
                .add("signals", Actors.signals("INT", "TERM"));
    }
}

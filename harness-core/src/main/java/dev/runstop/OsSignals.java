package dev.runstop;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The process's real signal handlers, shared by every signal actor of every group in the process: one
 * handler per signal is installed while at least one actor listens, and the previous handler comes back
 * when the last one stops listening.
 */
final class OsSignals {
    private static final Map<String, Installed> INSTALLED = new HashMap<>();

    private OsSignals() {
    }

    private static final class Installed {
        final Set<Consumer<String>> listeners = new CopyOnWriteArraySet<>();
        sun.misc.SignalHandler previous;
    }

    /**
     * @param signal a name without {@code SIG}, such as {@code TERM}
     * @param listener called with the signal's name on the JVM's signal thread
     * @return what undoes the subscription
     */
    static synchronized Runnable subscribe(String signal, Consumer<String> listener) {
        Installed installed = INSTALLED.get(signal);
        if (installed == null) {
            Installed fresh = new Installed();
            fresh.previous = sun.misc.Signal.handle(new sun.misc.Signal(signal),
                    s -> fresh.listeners.forEach(l -> l.accept(signal)));
            INSTALLED.put(signal, fresh);
            installed = fresh;
        }
        installed.listeners.add(listener);
        Installed subscribed = installed;
        return () -> unsubscribe(signal, subscribed, listener);
    }

    private static synchronized void unsubscribe(String signal, Installed installed, Consumer<String> listener) {
        installed.listeners.remove(listener);
        if (installed.listeners.isEmpty() && INSTALLED.get(signal) == installed) {
            INSTALLED.remove(signal);
            sun.misc.Signal.handle(new sun.misc.Signal(signal), installed.previous);
        }
    }
}

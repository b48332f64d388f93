package dev.runstop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/** The signal listeners of one group: simulated signals reach only them; real ones too unless turned off. */
final class Signals {
    private final String group;
    private final boolean osSignals;
    private final Map<String, Set<SignalsActor>> listeners = new ConcurrentHashMap<>();

    Signals(String group, boolean osSignals) {
        this.group = group;
        this.osSignals = osSignals;
    }

    /** Subscribes a signal actor to its signals. @return what undoes it */
    Runnable subscribe(SignalsActor actor) {
        List<Runnable> undo = new ArrayList<>();
        for (String signal : actor.signals()) {
            Set<SignalsActor> local = listeners.computeIfAbsent(signal, s -> new CopyOnWriteArraySet<>());
            local.add(actor);
            Runnable os = osSignals ? OsSignals.subscribe(signal, actor::receive) : () -> { };
            undo.add(() -> {
                local.remove(actor);
                os.run();
            });
        }
        return () -> undo.forEach(Runnable::run);
    }

    /** Delivers a simulated signal. @throws IllegalStateException if no actor listens for it */
    void deliver(String signal) {
        String name = Actors.normalizeSignal(signal);
        Set<SignalsActor> local = listeners.get(name);
        if (local == null || local.isEmpty()) {
            throw new IllegalStateException("no running actor of group '" + group + "' listens for SIG" + name
                    + "; listening now: " + listeners.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .map(e -> "SIG" + e.getKey()).sorted().toList());
        }
        local.forEach(a -> a.receive(name));
    }
}

package dev.runstop.example;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The turnstile state machine, an actor of the app: it owns the state on its own event loop (the actor
 * thread), fed by a queue, applies the rules of {@link Transition#of}, and counts accepted and rejected
 * events per event. Published as handle {@code machine}.
 *
 * <p>The machine outlives its clients: the HTTP API and the feed {@link #attach attach} to it while they
 * run. Stop ends the loop with a poison pill once no client is attached any more, so a request still
 * draining when the app stops can still apply its event; events queued before the pill are applied,
 * events submitted after the loop ended complete with {@link MachineStoppedException}. Stop before
 * {@code run}, twice, or after {@code run} returned is safe.
 */
public final class TurnstileMachine implements Actor {
    /** The name this machine is published under. */
    public static final String HANDLE = "machine";

    private static final Pending POISON = new Pending(null, null);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<TurnstileEvent, AtomicLong> accepted = counters();
    private final Map<TurnstileEvent, AtomicLong> rejected = counters();
    private volatile TurnstileState state = TurnstileState.LOCKED;
    private final AtomicInteger clients = new AtomicInteger();
    private volatile boolean stopped;
    private volatile boolean loopEnded;

    private record Pending(TurnstileEvent event, CompletableFuture<Transition> result) {
    }

    /** A client's hold on the machine: while any is open, a stop waits for it. */
    public interface Attachment extends AutoCloseable {
        /** Releases the hold. Idempotent; never throws. */
        @Override
        void close();
    }

    /**
     * Holds the machine's event loop open for a client that may still submit events while the app stops
     * (an HTTP server draining its requests). The loop ends only after stop was asked and every attachment
     * is closed.
     *
     * @return the attachment; close it when the client can submit no more
     */
    public Attachment attach() {
        clients.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true) && clients.decrementAndGet() == 0 && stopped) {
                queue.add(POISON);
            }
        };
    }

    /**
     * Queues an event for the event loop. Never blocks.
     *
     * @param event the event
     * @return completes with the transition once the event is applied, or with
     *     {@link MachineStoppedException} if the event loop ended before applying it
     * @throws IllegalArgumentException if the event is null
     */
    public CompletableFuture<Transition> submit(TurnstileEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (loopEnded) {
            pending.result.completeExceptionally(new MachineStoppedException(event));
            return pending.result;
        }
        queue.add(pending);
        if (loopEnded) {
            failLeftovers(); // the loop is gone: nothing may wait forever
        }
        return pending.result;
    }

    /** @return the current state (as last applied by the event loop) */
    public TurnstileState state() {
        return state;
    }

    /** @return a snapshot of the counters and the state */
    public MachineMetrics metrics() {
        return new MachineMetrics(state, snapshot(accepted), snapshot(rejected));
    }

    /** Runs the event loop until stopped; publishes this machine as handle {@value #HANDLE} first. */
    @Override
    public void run(ActorContext ctx) throws InterruptedException {
        if (stopped) {
            loopEnded = true;
            failLeftovers();
            return;
        }
        ctx.publish(HANDLE, this);
        try {
            while (true) {
                Pending next = queue.take();
                if (next == POISON) {
                    return;
                }
                apply(next);
            }
        } finally {
            loopEnded = true;
            failLeftovers();
        }
    }

    /**
     * Ends the event loop with a poison pill as soon as no client is {@linkplain #attach attached}; events
     * queued before it are applied first.
     */
    @Override
    public void stop(Throwable cause) {
        stopped = true;
        if (clients.get() == 0) {
            queue.add(POISON);
        }
    }

    private void apply(Pending pending) {
        Transition t = Transition.of(state, pending.event);
        state = t.to();
        (t.accepted() ? accepted : rejected).get(pending.event).incrementAndGet();
        pending.result.complete(t);
    }

    private void failLeftovers() {
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p != POISON) {
                p.result.completeExceptionally(new MachineStoppedException(p.event));
            }
        }
    }

    private static Map<TurnstileEvent, AtomicLong> counters() {
        Map<TurnstileEvent, AtomicLong> map = new EnumMap<>(TurnstileEvent.class);
        for (TurnstileEvent e : TurnstileEvent.values()) {
            map.put(e, new AtomicLong());
        }
        return map;
    }

    private static Map<TurnstileEvent, Long> snapshot(Map<TurnstileEvent, AtomicLong> counters) {
        Map<TurnstileEvent, Long> copy = new EnumMap<>(TurnstileEvent.class);
        counters.forEach((e, n) -> copy.put(e, n.get()));
        return copy;
    }

    @Override
    public String toString() {
        return "TurnstileMachine[" + state.wireName() + "]";
    }
}

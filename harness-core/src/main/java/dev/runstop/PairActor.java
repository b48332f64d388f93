package dev.runstop;

import java.util.function.Consumer;

/** An actor made of a run function and a stop function: {@link Actors#of}, and a lone body. */
final class PairActor implements Actor {
    private final Actor.Body run;
    private final Consumer<? super Throwable> stop;
    private final boolean body;

    /**
     * @param body true for a lone body ({@link Group#add(String, Actor.Body)}), whose stop does nothing:
     *     it is ready by {@code ready()}, {@code awaitStop()} or {@code stopDelivered()} only
     */
    PairActor(Actor.Body run, Consumer<? super Throwable> stop, boolean body) {
        this.run = run;
        this.stop = stop;
        this.body = body;
    }

    boolean isBody() {
        return body;
    }

    @Override
    public void run(ActorContext ctx) throws Exception {
        run.run(ctx);
    }

    @Override
    public void stop(Throwable cause) {
        stop.accept(cause);
    }

    @Override
    public String toString() {
        return (body ? "body(" : "Actors.of(") + run + ")";
    }
}

package dev.runstop.stress;

import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Corpus: a dependency used before it is ready. The reporter looks the store up with {@code find()}, which
 * does not wait, so when the store enters run later than the reporter, the reporter fails.
 */
final class DependencyBeforeReadyApp {
    private DependencyBeforeReadyApp() {
    }

    static Group buggy() {
        return HealthyActors.addTo(new Group("dependency-before-ready")
                .add("store", DependencyBeforeReadyApp::store)
                .add("reporter", ctx -> {
                    Store store = ctx.handles().find("store", Store.class).orElse(null);
                    store.subscribe(ctx.name());
                    ctx.awaitStop();
                }));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("dependency-before-ready")
                .add("store", DependencyBeforeReadyApp::store)
                .add("reporter", ctx -> {
                    Store store = ctx.handles().await("store", Store.class, Duration.ofSeconds(5));
                    store.subscribe(ctx.name());
                    ctx.awaitStop();
                }));
    }

    private static void store(ActorContext ctx) throws InterruptedException {
        ctx.publish("store", new Store());
        ctx.awaitStop();
    }

    /** What the store actor publishes. */
    static final class Store {
        private final List<String> subscribers = new CopyOnWriteArrayList<>();

        void subscribe(String who) {
            subscribers.add(who);
        }
    }
}

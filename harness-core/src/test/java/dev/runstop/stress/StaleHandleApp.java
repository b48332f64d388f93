package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import dev.runstop.HandleTimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Corpus: a dependent that reads a stale handle of a stopped publisher, after a stop before run. The cache
 * is stopped before its {@code run} starts; its {@code run} still registers the cache where the api finds it
 * (a holder of the app's own, as a service locator or an application context would be), then, seeing the
 * stop, closes it and returns. When the api is stopped it flushes to the cache it finds there: a closed one.
 * Dependency-ordered stop cannot help, as no handle look-up told the runtime of the dependency, and the
 * cache ended by itself. The fix publishes through {@code ctx.publish} and only while not stopped, and the
 * api looks the cache up through its handles, which refuse a handle whose publisher was stopped.
 */
final class StaleHandleApp {
    private StaleHandleApp() {
    }

    static Group buggy() {
        AtomicReference<Cache> holder = new AtomicReference<>();
        return HealthyActors.addTo(new Group("stale-handle").add("cache", new BuggyCache(holder)).add("api", ctx -> {
            ctx.awaitStop();
            Cache cache = holder.get();
            if (cache != null) {
                cache.get("flush"); // on the way out, flush what was served to the cache
            }
        }));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("stale-handle").add("cache", new FixedCache()).add("api", ctx -> {
            ctx.awaitStop();
            Optional<Cache> cache;
            try {
                cache = ctx.handles().find("cache", Cache.class);
            } catch (HandleTimeoutException gone) {
                if (!gone.groupStopped()) {
                    throw gone;
                }
                cache = Optional.empty(); // its publisher was stopped: nothing to flush to
            }
            cache.ifPresent(c -> c.get("flush"));
        }));
    }

    /** Registers its cache whatever happened before, and closes it when it returns. */
    static final class BuggyCache implements Actor {
        private final AtomicReference<Cache> holder;
        private volatile boolean stopped;

        BuggyCache(AtomicReference<Cache> holder) {
            this.holder = holder;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            Cache cache = new Cache();
            holder.set(cache);
            try {
                if (!stopped) {
                    ctx.awaitStop();
                }
            } finally {
                cache.close(); // a stop that came before run: it closes at once what it just registered
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
        }
    }

    /** The fix: once stopped, it neither opens nor publishes; what it publishes, the runtime guards. */
    static final class FixedCache implements Actor {
        private volatile boolean stopped;

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            if (stopped) {
                return;
            }
            Cache cache = new Cache();
            ctx.publish("cache", cache);
            try {
                ctx.awaitStop();
            } finally {
                cache.close();
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
        }
    }

    /** A cache that may not be read once closed. */
    static final class Cache {
        private volatile boolean closed;

        String get(String key) {
            if (closed) {
                throw new IllegalStateException("cache closed: a stale handle of a stopped actor");
            }
            return key;
        }

        void close() {
            closed = true;
        }
    }
}

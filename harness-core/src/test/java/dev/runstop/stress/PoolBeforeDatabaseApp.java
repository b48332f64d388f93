package dev.runstop.stress;

import dev.runstop.ActorContext;
import dev.runstop.Group;
import dev.runstop.HandleTimeoutException;
import java.time.Duration;

/**
 * Corpus: a dependency stopped before its dependent. Models the JDBC pool case: a connection pool that
 * rolls back its open connections when it closes, beside the database it talks to. The buggy pool knows the
 * database from configuration (as a pool knows a JDBC URL), not from a handle, so nothing tells the runtime
 * that the pool depends on the database; when the database is stopped first, the pool's close talks to a
 * database that is gone. The fix takes the database through {@code ctx.handles().await(...)}: the look-up
 * makes the dependency known, and the database's stop is delivered only once the pool has returned.
 */
final class PoolBeforeDatabaseApp {
    private PoolBeforeDatabaseApp() {
    }

    static Group buggy() {
        Database db = new Database();
        return HealthyActors.addTo(new Group("pool-before-database")
                .add("db", ctx -> {
                    db.open();
                    ctx.publish("db", db);
                    ctx.awaitStop();
                }, cause -> db.shutDown())
                .add("pool", ctx -> {
                    ctx.awaitStop();
                    db.rollbackOpenConnections(); // the database from configuration: no dependency the runtime sees
                }));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("pool-before-database")
                .add("db", new DatabaseActor())
                .add("pool", ctx -> {
                    Database db;
                    try {
                        db = ctx.handles().await("db", Database.class, Duration.ofSeconds(5));
                    } catch (HandleTimeoutException stoppedFirst) {
                        if (stoppedFirst.groupStopped()) {
                            return; // stopped before the database came up: no connection to roll back
                        }
                        throw stoppedFirst;
                    }
                    ctx.awaitStop();
                    db.rollbackOpenConnections();
                }));
    }

    /** The database actor of the fixed app: opens only if not stopped first. */
    static final class DatabaseActor implements dev.runstop.Actor {
        private final Database db = new Database();
        private final Object lock = new Object();
        private boolean stopped;

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                db.open();
            }
            ctx.publish("db", db);
            ctx.awaitStop();
        }

        @Override
        public void stop(Throwable cause) {
            synchronized (lock) {
                stopped = true;
                db.shutDown();
            }
        }
    }

    /** A database that answers only between open and shut down. */
    static final class Database {
        private enum State { NEW, OPEN, SHUT_DOWN }

        /** Guarded by this. */
        private State state = State.NEW;

        synchronized void open() {
            if (state == State.NEW) {
                state = State.OPEN;
            }
        }

        synchronized void shutDown() {
            state = State.SHUT_DOWN;
        }

        synchronized void rollbackOpenConnections() {
            if (state != State.OPEN) {
                throw new IllegalStateException("connection refused: the database is " + state);
            }
        }
    }
}

package dev.runstop.leaks;

import dev.runstop.Group;
import java.time.Duration;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;

/** An app with a commons-pool2 pool whose evictor runs: the evictor thread is one per JVM, shared by every pool. */
final class PoolApps {
    private PoolApps() {
    }

    static Group app(String name) {
        return new Group(name).add("pool", ctx -> {
            GenericObjectPool<StringBuilder> pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public StringBuilder create() {
                    return new StringBuilder();
                }

                @Override
                public PooledObject<StringBuilder> wrap(StringBuilder b) {
                    return new DefaultPooledObject<>(b);
                }
            });
            pool.setMinIdle(1);
            pool.setDurationBetweenEvictionRuns(Duration.ofMillis(20));
            // close() waits for the JVM-wide evictor while holding its lock, which a running eviction may need:
            // with two pools closing at once that wait runs out, so keep it well inside the stop deadline
            pool.setEvictorShutdownTimeout(Duration.ofSeconds(1));
            try {
                StringBuilder b = pool.borrowObject();
                pool.returnObject(b);
                ctx.publish("borrowed", pool.getBorrowedCount());
                ctx.awaitStop();
            } finally {
                pool.close();
            }
        });
    }
}

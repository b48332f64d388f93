package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;

/** One of two classes with a commons-pool2 pool, run in parallel: neither is blamed for the shared evictor. */
@RunstopTest(factoryMethod = "app")
class CommonsPoolBTest {
    static Group app() {
        return PoolApps.app("pool-b");
    }

    @Test
    void borrowedOnce(@Handle("borrowed") Long borrowed) {
        assertThat(borrowed).isEqualTo(1L);
    }
}

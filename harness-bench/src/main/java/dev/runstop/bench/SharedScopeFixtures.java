package dev.runstop.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import dev.runstop.junit.Scope;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test classes of the {@code shared-scope} benchmark: the 40 classes of the parallel suite's shape,
 * but all asking for one shared example app ({@link Scope#SHARED}), started once per run.
 */
final class SharedScopeFixtures {
    static final List<Class<?>> CLASSES = List.of(T01.class, T02.class, T03.class, T04.class, T05.class, T06.class, T07.class, T08.class, T09.class, T10.class, T11.class, T12.class, T13.class, T14.class, T15.class, T16.class, T17.class, T18.class, T19.class, T20.class, T21.class, T22.class, T23.class, T24.class, T25.class, T26.class, T27.class, T28.class, T29.class, T30.class, T31.class, T32.class, T33.class, T34.class, T35.class, T36.class, T37.class, T38.class, T39.class, T40.class);

    private SharedScopeFixtures() {
    }

    /** One test class of the suite: the shared app, two HTTP requests. */
    @RunstopTest(factory = ParallelSuiteFixtures.ExampleAppForTests.class, scope = Scope.SHARED)
    abstract static class SharedExampleAppClass {
        @Test
        void isHealthy(@Port("http") int port) throws IOException {
            String body = ParallelSuiteFixtures.get(port, "/health");
            assertTrue(body.contains("ok"), body);
        }

        @Test
        void startsLocked(@Port("http") int port) throws IOException {
            String body = ParallelSuiteFixtures.get(port, "/state");
            assertTrue(body.contains("locked"), body);
        }
    }

    static class T01 extends SharedExampleAppClass {
    }

    static class T02 extends SharedExampleAppClass {
    }

    static class T03 extends SharedExampleAppClass {
    }

    static class T04 extends SharedExampleAppClass {
    }

    static class T05 extends SharedExampleAppClass {
    }

    static class T06 extends SharedExampleAppClass {
    }

    static class T07 extends SharedExampleAppClass {
    }

    static class T08 extends SharedExampleAppClass {
    }

    static class T09 extends SharedExampleAppClass {
    }

    static class T10 extends SharedExampleAppClass {
    }

    static class T11 extends SharedExampleAppClass {
    }

    static class T12 extends SharedExampleAppClass {
    }

    static class T13 extends SharedExampleAppClass {
    }

    static class T14 extends SharedExampleAppClass {
    }

    static class T15 extends SharedExampleAppClass {
    }

    static class T16 extends SharedExampleAppClass {
    }

    static class T17 extends SharedExampleAppClass {
    }

    static class T18 extends SharedExampleAppClass {
    }

    static class T19 extends SharedExampleAppClass {
    }

    static class T20 extends SharedExampleAppClass {
    }

    static class T21 extends SharedExampleAppClass {
    }

    static class T22 extends SharedExampleAppClass {
    }

    static class T23 extends SharedExampleAppClass {
    }

    static class T24 extends SharedExampleAppClass {
    }

    static class T25 extends SharedExampleAppClass {
    }

    static class T26 extends SharedExampleAppClass {
    }

    static class T27 extends SharedExampleAppClass {
    }

    static class T28 extends SharedExampleAppClass {
    }

    static class T29 extends SharedExampleAppClass {
    }

    static class T30 extends SharedExampleAppClass {
    }

    static class T31 extends SharedExampleAppClass {
    }

    static class T32 extends SharedExampleAppClass {
    }

    static class T33 extends SharedExampleAppClass {
    }

    static class T34 extends SharedExampleAppClass {
    }

    static class T35 extends SharedExampleAppClass {
    }

    static class T36 extends SharedExampleAppClass {
    }

    static class T37 extends SharedExampleAppClass {
    }

    static class T38 extends SharedExampleAppClass {
    }

    static class T39 extends SharedExampleAppClass {
    }

    static class T40 extends SharedExampleAppClass {
    }
}

package dev.runstop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runstop.Group;
import dev.runstop.example.Config;
import dev.runstop.example.ExampleApp;
import dev.runstop.junit.AppFactory;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test classes of the {@code parallel-suite} benchmark: 40 classes, each starting its own example app
 * (on an ephemeral port) with the extension and asking its HTTP API for the health and the state. They
 * live in the main source set, so the module's own test run never picks them up.
 */
final class ParallelSuiteFixtures {
    static final List<Class<?>> CLASSES = List.of(S01.class, S02.class, S03.class, S04.class, S05.class, S06.class, S07.class, S08.class, S09.class, S10.class, S11.class, S12.class, S13.class, S14.class, S15.class, S16.class, S17.class, S18.class, S19.class, S20.class, S21.class, S22.class, S23.class, S24.class, S25.class, S26.class, S27.class, S28.class, S29.class, S30.class, S31.class, S32.class, S33.class, S34.class, S35.class, S36.class, S37.class, S38.class, S39.class, S40.class);

    /** Tests per class. */
    static final int TESTS_PER_CLASS = 2;

    private ParallelSuiteFixtures() {
    }

    /** Builds one example app for tests: ephemeral port, simulated signals only. */
    static final class ExampleAppForTests implements AppFactory {
        @Override
        public Group create() {
            return ExampleApp.group(Config.defaults().httpPort(0)).osSignals(false);
        }
    }

    /** One test class of the suite: its own app, two HTTP requests. */
    @RunstopTest(factory = ExampleAppForTests.class)
    abstract static class ExampleAppClass {
        @Test
        void isHealthy(@Port("http") int port) throws IOException {
            String body = get(port, "/health");
            assertTrue(body.contains("ok"), body);
        }

        @Test
        void startsLocked(@Port("http") int port) throws IOException {
            String body = get(port, "/state");
            assertTrue(body.contains("locked"), body);
        }
    }

    static String get(int port, String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(10_000);
        // One connection per request: on Java 17 a kept-alive connection to the JDK's HTTP server stalls its
        // next request for tens of milliseconds, which would make the suite measure that stall.
        http.setRequestProperty("Connection", "close");
        try (InputStream in = http.getInputStream()) {
            assertEquals(200, http.getResponseCode(), path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            http.disconnect();
        }
    }

    static class S01 extends ExampleAppClass {
    }

    static class S02 extends ExampleAppClass {
    }

    static class S03 extends ExampleAppClass {
    }

    static class S04 extends ExampleAppClass {
    }

    static class S05 extends ExampleAppClass {
    }

    static class S06 extends ExampleAppClass {
    }

    static class S07 extends ExampleAppClass {
    }

    static class S08 extends ExampleAppClass {
    }

    static class S09 extends ExampleAppClass {
    }

    static class S10 extends ExampleAppClass {
    }

    static class S11 extends ExampleAppClass {
    }

    static class S12 extends ExampleAppClass {
    }

    static class S13 extends ExampleAppClass {
    }

    static class S14 extends ExampleAppClass {
    }

    static class S15 extends ExampleAppClass {
    }

    static class S16 extends ExampleAppClass {
    }

    static class S17 extends ExampleAppClass {
    }

    static class S18 extends ExampleAppClass {
    }

    static class S19 extends ExampleAppClass {
    }

    static class S20 extends ExampleAppClass {
    }

    static class S21 extends ExampleAppClass {
    }

    static class S22 extends ExampleAppClass {
    }

    static class S23 extends ExampleAppClass {
    }

    static class S24 extends ExampleAppClass {
    }

    static class S25 extends ExampleAppClass {
    }

    static class S26 extends ExampleAppClass {
    }

    static class S27 extends ExampleAppClass {
    }

    static class S28 extends ExampleAppClass {
    }

    static class S29 extends ExampleAppClass {
    }

    static class S30 extends ExampleAppClass {
    }

    static class S31 extends ExampleAppClass {
    }

    static class S32 extends ExampleAppClass {
    }

    static class S33 extends ExampleAppClass {
    }

    static class S34 extends ExampleAppClass {
    }

    static class S35 extends ExampleAppClass {
    }

    static class S36 extends ExampleAppClass {
    }

    static class S37 extends ExampleAppClass {
    }

    static class S38 extends ExampleAppClass {
    }

    static class S39 extends ExampleAppClass {
    }

    static class S40 extends ExampleAppClass {
    }
}

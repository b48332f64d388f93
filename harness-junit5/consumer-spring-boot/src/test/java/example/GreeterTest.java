package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One app per class under the JUnit that Spring Boot 3.5 manages: starts, injects, stops cleanly. */
@RunstopTest(factoryMethod = "app", stopDeadline = "2s")
class GreeterTest {

    static Group app() {
        return new Group("greeter").add("greeter", Actors.service(ctx -> ctx.publish("greeting", "hello"), () -> { }));
    }

    @Test
    void runsOnTheJUnitThatSpringBootManages() {
        String version = Test.class.getPackage().getImplementationVersion();
        assertTrue(version != null && version.startsWith("5.12."), "JUnit Jupiter " + version);
    }

    @Test
    void injectsAHandle(@Handle("greeting") String greeting) {
        assertEquals("hello", greeting);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void seesTheRunningApp(RunningGroup app) {
        assertTrue(app.isReady());
        assertEquals(RunningGroup.State.READY, app.state());
    }
}

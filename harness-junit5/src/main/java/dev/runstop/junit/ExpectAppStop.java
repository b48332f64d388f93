package dev.runstop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method that makes the app stop on purpose in a way the extension cannot see, for example
 * by sending a shutdown request over HTTP: the app stopping during this test does not fail it. Stops the
 * test asks for through the injected {@link dev.runstop.RunningGroup} ({@code signal("TERM")},
 * {@code stop(...)}) are recognised without this annotation.
 *
 * <p>This only permits the stop; the test asserts on it itself, for example with
 * {@code app.awaitTermination(...)} and the {@link dev.runstop.StopReport}. Teardown still fails the class
 * if the stop was not clean. With one app per class, the tests after this one find the app stopped and
 * fail fast: run it last ({@code @Order}), or register the extension on an instance field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface ExpectAppStop {
}

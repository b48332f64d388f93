package dev.runstop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an app for the annotated test class: builds its group before the class, starts it, waits until
 * it is ready, injects its ports and handles, watches it while tests run and stops it after the class,
 * failing the class if it does not stop cleanly. Also usable as a meta-annotation on an annotation of
 * your own.
 *
 * <p>Name the app's factory with exactly one of {@link #factory()} and {@link #factoryMethod()}:
 * <pre>{@code
 * @RunstopTest(factoryMethod = "app", stopDeadline = "2s")
 * class CheckoutTest {
 *     static Group app() { return Checkout.group(Config.forTests()); }
 *
 *     @Test
 *     void serves(@Port("http") int port, RunningGroup app) { ... }
 * }
 * }</pre>
 *
 * <p>Deadlines are written like {@code 2s}, {@code 500ms}, {@code 1m} (units {@code ms}, {@code s},
 * {@code m}, {@code h}; ISO-8601 such as {@code PT2S} works too). Empty means: the configuration
 * parameter ({@code runstop.stop.deadline}, {@code runstop.start.deadline}), else the default.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith({RunstopExtension.class, TimeoutSnapshots.class})
public @interface RunstopTest {

    /** @return a class with a no-arg constructor that builds the app; {@code AppFactory.class} for none */
    Class<? extends AppFactory> factory() default AppFactory.class;

    /** @return the name of a static no-arg method of the test class that returns the app's group; empty for none */
    String factoryMethod() default "";

    /** @return how long each actor may take to stop, such as {@code 2s}; empty for the configured default */
    String stopDeadline() default "";

    /** @return how long the app may take to become ready, such as {@code 10s}; empty for the configured default */
    String startDeadline() default "";

    /**
     * @return {@link Scope#CLASS} for one app per test class; {@link Scope#SHARED} for one app per test run,
     *     shared by every class naming the same factory class or factory method
     */
    Scope scope() default Scope.CLASS;
}

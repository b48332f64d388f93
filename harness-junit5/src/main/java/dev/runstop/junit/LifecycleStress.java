package dev.runstop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a test method a lifecycle stress test: before the method's body runs, the app is built, started
 * and stopped {@link #cycles()} times under a seeded schedule of start order, delays before {@code run},
 * stop timing and stop delivery order (see {@link dev.runstop.stress.LifecycleStress}). The test fails with
 * a {@link dev.runstop.stress.LifecycleStressFailure} at the first cycle with a straggler, an unexpected
 * error, a {@code stop} that threw, a session cut off or a leaked thread; its message holds the schedule
 * and the line that replays the cycle. The seed and the cycles run are published as report entries
 * ({@code runstop.stress.seed}, {@code runstop.stress.cycles}).
 *
 * <pre>{@code
 * @RunstopTest(factoryMethod = "app")
 * class CheckoutLifecycleTest {
 *     static Group app() { return Checkout.group(Config.forTests()); }
 *
 *     @LifecycleStress(cycles = 200)
 *     void startsAndStopsCleanly() { }
 * }
 * }</pre>
 *
 * <p>The app comes from this annotation's {@link #factory()} or {@link #factoryMethod()}, else from the
 * test class's {@link RunstopTest} or its {@code @RegisterExtension} {@link RunstopExtension}. Every cycle
 * builds a new group, so the factory must not share ports or state between the groups it builds. The
 * stress keeps the class's settings: the stop and start deadlines of its {@code @RunstopTest} or
 * registration (or the configuration parameters {@code runstop.stop.deadline}, {@code runstop.start.deadline})
 * and the group's own leak check, unless this annotation sets them. The seed is, in order: the
 * configuration parameter {@value LifecycleStressExtension#SEED_KEY} (for
 * {@code -Drunstop.stress.seed=5EED0F11FE5EED01:37}), this annotation's {@link #seed()}, else
 * {@link dev.runstop.stress.LifecycleStress#DEFAULT_SEED}; the mode likewise
 * ({@value LifecycleStressExtension#MODE_KEY}, {@link #mode()}, else PCT). The configuration parameter
 * {@value LifecycleStressExtension#SHARD_KEY} ({@code 2/8}) runs one shard's slice of the cycles.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(LifecycleStressExtension.class)
public @interface LifecycleStress {

    /**
     * @return how many start &rarr; stop cycles to run (split among shards, if sharded); 0 for the mode's
     *     default: in PCT mode enough to miss a depth-2 ordering bug with at most 1% probability, in random
     *     mode 200
     */
    int cycles() default 0;

    /** @return {@code "pct"} or {@code "random"} (see {@link dev.runstop.stress.StressMode}); empty for the configured mode, else PCT */
    String mode() default "";

    /** @return in PCT mode, the depth of ordering bugs aimed at, 1 to 5; 0 for 2 */
    int depth() default 0;

    /**
     * @return the seed, as a failure prints it: {@code SEED} or {@code SEED:CYCLE} to run that cycle first,
     *     such as {@code "5EED0F11FE5EED01:37"}; empty for the default seed
     */
    String seed() default "";

    /** @return a class with a no-arg constructor that builds the app; {@code AppFactory.class} to use the class's */
    Class<? extends AppFactory> factory() default AppFactory.class;

    /** @return the name of a static no-arg method of the test class returning the app's group; empty to use the class's */
    String factoryMethod() default "";

    /**
     * @return the stop deadline of the actors in each cycle, counted from the moment each actor's stop is
     *     delivered, such as {@code 1s}; empty for the class's ({@code @RunstopTest}, registration or
     *     configuration), else the group's own
     */
    String stopDeadline() default "";

    /** @return how long a cycle waits for the app to be ready, such as {@code 10s}; empty for the class's, else 5 s */
    String startDeadline() default "";

    /** @return the leak check's linger in each cycle, such as {@code 200ms} ({@code 0ms} turns it off); empty for the group's own */
    String leakLinger() default "";

    /**
     * @return the longest delay a schedule uses, such as {@code 5ms}; empty for 2 ms. The races do not hang on
     *     it (a stop before {@code run} is made exactly, and the app is let settle by watching its threads);
     *     longer delays only spread start-up events further apart and make cycles slower.
     */
    String maxDelay() default "";
}

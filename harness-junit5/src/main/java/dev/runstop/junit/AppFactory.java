package dev.runstop.junit;

import dev.runstop.Group;

/**
 * Builds the app a test class runs: a fresh, unstarted {@link Group} for one app instance. Called once
 * per test class (or once per test method when the extension is registered on an instance field); the
 * extension starts, watches and stops what it returns.
 *
 * <p>Named in {@link RunstopTest#factory()} (then it needs a no-arg constructor; a nested static class
 * is fine) or passed to {@link RunstopExtension#forApp(AppFactory)} as a lambda.
 */
@FunctionalInterface
public interface AppFactory {

    /**
     * @return a new group, not started and not null
     * @throws Exception if the app cannot be built; the test class then fails with this exception
     */
    Group create() throws Exception;
}

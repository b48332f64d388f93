package dev.runstop.junit;

/** How many test classes one app serves: {@link RunstopTest#scope()}, {@link RunstopExtension#shared()}. */
public enum Scope {
    /**
     * One app per test class, started before its tests and stopped after them, shared by its
     * {@code @Nested} classes (or, registered on an instance field, one app per test method).
     */
    CLASS,
    /**
     * One app per test run (per JVM: with Surefire, one per fork) for every class that asks for the same
     * app: the same factory class, the same factory method, or the same {@code forApp} factory. Started
     * by the first class that needs it, exactly once even when classes run in parallel, and stopped when
     * the run ends; an unclean stop then fails the run.
     */
    SHARED
}

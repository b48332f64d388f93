/**
 * Lifecycle stress: runs an app's {@link dev.runstop.Group} through many start &rarr; stop cycles under a
 * seeded schedule (start order, delays before {@code run}, when and how the stop comes, order of and
 * delays between stop deliveries), checks every cycle for stragglers, errors, {@code stop} calls that
 * threw, sessions cut off and leaked threads, and reports a failing cycle with its schedule in words and
 * a one-line replay. Entry point: {@link dev.runstop.stress.LifecycleStress}.
 */
package dev.runstop.stress;

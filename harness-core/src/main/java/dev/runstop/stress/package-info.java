/**
 * Lifecycle stress: runs an app's {@link dev.runstop.Group} through many start &rarr; stop cycles under
 * seeded schedules — in {@link dev.runstop.stress.StressMode#PCT PCT} mode, priority-ordered lifecycle
 * decisions with a stated chance of finding each ordering bug; in random mode, random start orders, delays
 * and stop orders — checks every cycle for stragglers, errors, {@code stop} calls that threw or hung,
 * sessions cut off and leaked threads, and reports a failing cycle with its schedule in words and a one-line
 * replay. Long runs split into {@link dev.runstop.stress.StressShard shards}. Entry point:
 * {@link dev.runstop.stress.LifecycleStress}.
 */
package dev.runstop.stress;
